/**
 * ClamAV's official signatures come from the Internet, which tests do not have. This
 * shell script builds a small unsigned database (.cud: clamd loads it, marking its
 * detections "UNOFFICIAL") holding the EICAR test file's hash, with a header whose build
 * time is `ageDays` ago, into /var/lib/clamav; plus the empty main.inc and daily.inc
 * directories Debian's clamav-daemon.service checks for before it starts
 * (ConditionPathExistsGlob). It also leaves the EICAR file at /root/eicar.com.
 */
/** A ClamAV database clamd loads, built `ageDays` ago (its header's build time). */
export const clamavTestSignatures = (ageDays: number): string => `
set -e
d=$(mktemp -d); cd "$d"
printf '%s' 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' >eicar.com
printf '%s:%s:Attt.Test.Eicar\\n' "$(md5sum <eicar.com | cut -d' ' -f1)" "$(stat -c %s eicar.com)" >daily.hdb
t=$(( $(date +%s) - ${ageDays} * 86400 ))
h="ClamAV-VDB:$(date -u -d @$t '+%d %b %Y %H-%M %z'):27000:1:90:X:X:attt-test:$t"
printf '%s\\ndaily.hdb:%s:%s\\n' "$h" "$(stat -c %s daily.hdb)" "$(sha256sum <daily.hdb | cut -d' ' -f1)" >daily.info
tar -cf body.tar daily.info daily.hdb
h="ClamAV-VDB:$(date -u -d @$t '+%d %b %Y %H-%M %z'):27000:1:90:$(md5sum <body.tar | cut -d' ' -f1):X:attt-test:$t"
{ printf '%s' "$h"; head -c $((512 - \${#h})) /dev/zero | tr '\\0' ' '; cat body.tar; } >/var/lib/clamav/daily.cud
mkdir -p /var/lib/clamav/main.inc /var/lib/clamav/daily.inc
chown -R clamav:clamav /var/lib/clamav
cp eicar.com /root/eicar.com
`;
