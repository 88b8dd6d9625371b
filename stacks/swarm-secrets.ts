/**
 * The files of each operator secret directory (the layout prepare-host.sh fills), so a
 * swarm can make one Swarm secret per file; a bind mount of the directory needs no list.
 */
const BY_DIR: Array<[RegExp, string[]]> = [
  [/^backup$/, ["client-repository", "htpasswd", "repository-password"]],
  [/^postgres\/[a-z0-9-]+$/, ["password"]],
  [/^tls\/[a-z0-9-]+$/, ["server.crt", "server.key"]],
  [/^soc$/, ["ca.pem"]],
  // attt serve's containers each mount single files of this directory (only the password each uses).
  [/^evidence\/[a-z0-9-]+$/, ["owner-password", "service-password", "ca.pem"]],
];

export function secretFilesOf(dir: string): string[] | undefined {
  return BY_DIR.find(([re]) => re.test(dir))?.[1];
}

/** A Swarm secret's name: the data centre, the directory and the file (Swarm allows [A-Za-z0-9._-]). */
export const secretName = (dc: string, dir: string, file: string) =>
  `attt-${dc}-${dir.replace(/\//g, "-")}-${file}`;
