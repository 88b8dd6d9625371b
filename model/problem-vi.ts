/**
 * A schema problem in Vietnamese: what was expected and what was found, in words an officer
 * or a school's IT teacher can act on. The English line follows it on the console; where the
 * schema gives its own English sentence (a custom check), the Vietnamese line names the kind
 * of value and points to that sentence rather than guessing a translation.
 */
import type { core } from "zod";
import { describeFound, type FoundWords } from "./problems.js";

const TYPE_VI: Record<string, string> = {
  object: "một bảng khóa: giá trị (mapping)",
  array: "một danh sách",
  string: "một chuỗi văn bản",
  number: "một số",
  int: "một số nguyên",
  boolean: "true hoặc false",
  date: "một ngày",
  undefined: "không có trường này",
  null: "null",
};

const FORMAT_VI: Record<string, string> = {
  datetime: "ngày giờ dạng ISO 8601 kèm múi giờ, ví dụ 2026-11-20T08:30:00+07:00",
  date: "ngày dạng YYYY-MM-DD",
  url: "một địa chỉ URL",
  email: "một địa chỉ e-mail",
  ipv4: "một địa chỉ IPv4",
  cidrv4: "một dải mạng IPv4 dạng CIDR, ví dụ 10.0.0.0/24",
};

const SEE_ENGLISH = "xem yêu cầu ở dòng tiếng Anh bên dưới";

/** What a zod issue expected, in Vietnamese. */
export function expectedVi(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_VI[issue.expected as string] ?? `kiểu ${issue.expected}`;
    case "invalid_value":
      return `một trong các giá trị ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return "chỉ các trường đã biết";
    case "too_small":
    case "too_big":
      return bound(issue);
    case "invalid_format": {
      const known = FORMAT_VI[issue.format];
      if (known) return known;
      // A pattern with its own English words (e.g. "YYYY-MM-DD, ..."): the forms are language-neutral.
      return issue.message.startsWith("Invalid")
        ? `giá trị đúng mẫu (${SEE_ENGLISH})`
        : `dạng ${issue.message}`;
    }
    case "invalid_union":
      return "một trong các dạng được phép";
    default:
      return `giá trị đúng yêu cầu (${SEE_ENGLISH})`;
  }
}

function bound(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const limit = String(
    small ? (issue as core.$ZodIssueTooSmall).minimum : (issue as core.$ZodIssueTooBig).maximum,
  );
  const word = small
    ? issue.inclusive
      ? "ít nhất"
      : "nhiều hơn"
    : issue.inclusive
      ? "nhiều nhất"
      : "ít hơn";
  switch (issue.origin) {
    case "string":
      return `chuỗi văn bản ${word} ${limit} ký tự`;
    case "array":
    case "set":
      return `danh sách ${word} ${limit} mục`;
    case "number":
    case "int":
    case "bigint":
      return `một số ${small ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<"} ${limit}`;
    default:
      return `giá trị ${word} ${limit}`;
  }
}

const FOUND_VI: FoundWords = {
  missing: "thiếu trường này",
  list: (n) => `một danh sách ${n} mục`,
  mapping: "một bảng (mapping)",
  nan: "không phải số (.nan)",
  infinite: "một số vô hạn (.inf, hoặc số quá lớn như 1e400)",
  kind: (v) => (typeof v === "string" ? "chuỗi" : typeof v === "number" ? "số" : "giá trị"),
};

/** A short, safe rendering in Vietnamese of a value the user wrote. */
export const foundVi = (value: unknown): string => describeFound(value, FOUND_VI);

/** The whole Vietnamese sentence of a schema problem. */
export function schemaProblemVi(issue: core.$ZodIssue, found: unknown): string {
  return `cần ${expectedVi(issue)}; thực tế: ${foundVi(found)}`;
}

/**
 * A whole-file problem (unreadable, not YAML, too large) in Vietnamese, from its English
 * words: the readers state these few cases in fixed phrases, so the table covers them all
 * and anything else still says which file and that the reason is on the English line.
 */
const FILE_FOUND_VI: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^nothing at that path$/, () => "không có tệp nào ở đường dẫn này"],
  [/^a dangling symbolic link/, () => "liên kết tượng trưng trỏ tới tệp không tồn tại"],
  [/^a symbolic link loop$/, () => "liên kết tượng trưng tạo vòng lặp"],
  [/^no permission to read it$/, () => "không có quyền đọc tệp"],
  [/^a directory$/, () => "đây là một thư mục, không phải tệp"],
  [/^a device, pipe or socket/, () => "đây là thiết bị, pipe hoặc socket, không phải tệp thường"],
  [/^a path through something that is not a directory$/, () => "đường dẫn đi qua một thứ không phải thư mục"],
  [/^a path that is too long$/, () => "đường dẫn quá dài"],
  [/^binary data/, () => "tệp nhị phân, không phải văn bản YAML"],
  [/^bytes that are not UTF-8$/, () => "tệp không phải văn bản UTF-8"],
  [/^an empty file$/, () => "tệp rỗng (chỉ có chú thích hoặc dòng trống)"],
  [/^(\d+) documents$/, (m) => `mỗi tệp chỉ được một tài liệu YAML; thực tế: ${m[1]} tài liệu`],
  [/^the key "(.*)" a second time/, (m) => `khóa "${m[1]}" lặp lại trong cùng một bảng`],
  [/^a syntax error/, () => "lỗi cú pháp YAML (chi tiết ở dòng tiếng Anh bên dưới)"],
  [/^the tag (\S+)$/, (m) => `cần giá trị YAML thường, không dùng thẻ ${m[1]}`],
  [/^\*\S+ with no such anchor/, () => "alias (*tên) trỏ tới neo (&tên) chưa được đặt trước đó"],
  [/alias bomb/, () => 'alias (*tên) lồng nhau hoặc lặp lại quá nhiều (kiểu tấn công "billion laughs")'],
  [/^(\d+(?:\.\d)? MB)$/, (m) => `tệp quá lớn (${m[1]})`],
];

export function fileProblemVi(found: string): string | undefined {
  for (const [pattern, say] of FILE_FOUND_VI) {
    const m = found.match(pattern);
    if (m) return say(m);
  }
  return undefined;
}

/** The inventory's words for what an ID names, in Vietnamese. */
const ENTITY_VI: Record<string, string> = {
  unit: "đơn vị",
  system: "hệ thống",
  person: "người",
  vendor: "nhà cung cấp",
  zone: "vùng mạng",
  service: "dịch vụ",
  "Docker host": "máy chủ Docker",
  requirement: "yêu cầu",
  volume: "ổ dữ liệu (volume)",
};
const entityVi = (what: string): string => ENTITY_VI[what] ?? what;

/** What another value was found, from the checks' fixed English phrases. */
function foundPhraseVi(found: string): string {
  let m = /^("[^"]*") again \(first at (.+)\)$/.exec(found);
  if (m) return `${m[1]} lặp lại (lần đầu ở ${m[2]})`;
  m = /^("[^"]*") again$/.exec(found);
  if (m) return `${m[1]} lặp lại`;
  m = /^unknown (.+?) ("[^"]*")$/.exec(found);
  if (m) return `${m[2]}, không có ${entityVi(m[1] ?? "")} nào như vậy`;
  m = /^a second one \(the first is in (.+)\)$/.exec(found);
  if (m) return `phần thứ hai (phần đầu ở ${m[1]})`;
  m = /^host ("[^"]*") without swarm$/.exec(found);
  if (m) return `máy chủ ${m[1]} không có swarm`;
  m = /^(\d+) managers?$/.exec(found);
  if (m) return `${m[1]} máy quản lý`;
  if (found === "one host") return "một máy chủ";
  if (found === "no host") return "không có máy chủ nào";
  m = /^("[^"]*"), which has no volume$/.exec(found);
  if (m) return `${m[1]}, dịch vụ không có ổ dữ liệu`;
  m = /^("[^"]*") also on ("[^"]*")$/.exec(found);
  if (m) return `${m[1]} cũng do ${m[2]} giữ`;
  m = /^zones (.*)$/.exec(found);
  if (m) return `các vùng ${m[1]}`;
  m = /^not held: (.*)$/.exec(found);
  if (m) return `chưa máy nào giữ: ${m[1]}`;
  m = /^(?:string )?("[^"]*")$/.exec(found);
  if (m) return `${m[1]}`;
  return found.includes('"') ? `giá trị ${found.match(/"[^"]*"/)?.[0]}` : "giá trị khác (xem dòng tiếng Anh)";
}

/**
 * The custom checks' fixed English phrases of what is expected (duplicate IDs, references
 * that must resolve, evidence that must match its bundle), in Vietnamese. A check whose
 * phrase is not here still prints a Vietnamese line that sends the reader to the English one.
 */
const EXPECTED_VI: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^an? (.+?) ID used once/, (m) => `mã ${entityVi(m[1] ?? "")} chỉ được dùng một lần`],
  [/^a hostname used once in the province$/, () => "tên máy chỉ được dùng một lần trong cả tỉnh"],
  [
    /^the ID of an? (.+?) in the inventory$/,
    (m) => `mã của một ${entityVi(m[1] ?? "")} có trong bản kiểm kê`,
  ],
  [/^the ID of a zone of the data centre$/, () => "mã của một vùng mạng trong trung tâm dữ liệu"],
  [
    /^text without cdktf's token markers/,
    () => "văn bản không chứa ký hiệu token của cdktf (${TfToken[ ...)",
  ],
  [/^one (\w+) section in the whole inventory$/, (m) => `chỉ một phần ${m[1]} trong toàn bộ bản kiểm kê`],
  [/^an? (\w+) section in one of the files$/, (m) => `một phần ${m[1]} trong một trong các tệp`],
  [/^a control of the catalogue$/, () => "một biện pháp (control) có trong danh mục"],
  [/^a bundle of this province/, () => "một gói cấu hình của tỉnh này (đơn vị/họ-vai trò)"],
  [/^the unit of bundle (\S+)$/, (m) => `đơn vị của gói cấu hình ${m[1]}`],
  [
    /^"([^"]+)" \(this file is for the (\S+) template/,
    (m) => `"${m[1]}" (tệp này dành cho mẫu ${m[2]}: hãy dùng mẫu đó)`,
  ],
  [
    /^a requirement of the plan catalogue or a policy ID/,
    () => "một yêu cầu trong danh mục kế hoạch hoặc mã chính sách (attt plan coverage liệt kê cả hai)",
  ],
  [/^a reason of at least (\d+) characters$/, (m) => `lý do dài ít nhất ${m[1]} ký tự`],
  [/^a reason that explains the exception$/, () => "lý do giải thích ngoại lệ"],
  [/^a real calendar date$/, () => "một ngày có thật trên lịch"],
  [
    /^a date on or before the inventory's asOf \((.+)\)$/,
    (m) => `một ngày không sau ngày asOf của bản kiểm kê (${m[1]})`,
  ],
  [
    /^a moment on or before the inventory's asOf \((.+)\)$/,
    (m) => `một thời điểm không sau ngày asOf của bản kiểm kê (${m[1]})`,
  ],
  [/^the sha256 of the file/, () => "mã sha256 của tệp (sha256sum TỆP)"],
  [/^a directory of evidence \.json files$/, () => "một thư mục chứa các tệp minh chứng .json"],
  [/^an inventory file or directory$/, () => "một tệp hoặc thư mục kiểm kê"],
  // Several hosts (model/check-swarm.ts).
  [
    /^swarm: \{ role, zones \} on every host/,
    () =>
      "swarm: { role, zones } trên mọi máy chủ khi một máy đã có (hoặc không máy nào, với trung tâm dữ liệu một máy chủ)",
  ],
  [
    /^at least two hosts in a swarm/,
    () => "ít nhất hai máy chủ trong một swarm (trung tâm dữ liệu một máy chủ thì bỏ swarm)",
  ],
  [
    /^an odd number of managers/,
    () =>
      "số máy quản lý (manager) lẻ (1, 3 hoặc 5): swarm còn chạy khi đa số máy quản lý còn hoạt động, số chẵn không chịu được nhiều sự cố hơn số lẻ liền trước",
  ],
  [
    /^a host whose swarm\.zones lists "([^"]+)" \(/,
    (m) => `một máy chủ có swarm.zones chứa "${m[1]}" (các dịch vụ của vùng cần nơi chạy)`,
  ],
  [
    /^a host whose swarm\.zones lists "([^"]+)", the zone "([^"]+)" runs in$/,
    (m) => `một máy chủ có swarm.zones chứa "${m[1]}", vùng mà "${m[2]}" chạy`,
  ],
  [/^a service with volumes \((.*)\)$/, (m) => `một dịch vụ có ổ dữ liệu (${m[1]})`],
  [
    /^each stateful service held by one host/,
    () => "mỗi dịch vụ có dữ liệu chỉ do một máy chủ giữ (ổ dữ liệu nằm trên máy đó)",
  ],
  [
    /^every stateful service in the holds of one host \((.*)\)$/,
    (m) => `mọi dịch vụ có dữ liệu nằm trong holds của một máy chủ (${m[1]})`,
  ],
  [/^at least one \.yaml file$/, () => "ít nhất một tệp .yaml"],
];

/** A custom check's problem in Vietnamese, when its phrase is known. */
export function customProblemVi(expected: string, found: string): string | undefined {
  for (const [pattern, say] of EXPECTED_VI) {
    const m = expected.match(pattern);
    if (m) return `cần ${say(m)}; thực tế: ${foundPhraseVi(found)}`;
  }
  return undefined;
}
