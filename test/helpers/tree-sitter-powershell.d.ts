// tree-sitter-powershell ships no type declarations; its default export is the
// language object that tree-sitter's Parser.setLanguage takes.
declare module "tree-sitter-powershell" {
  import type Parser from "tree-sitter";

  const language: Parser.Language;
  export default language;
}
