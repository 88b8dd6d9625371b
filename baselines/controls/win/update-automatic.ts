import { defineControl } from "../../control.js";
import { regDword, regString, type Setting } from "../../settings.js";
import { CIS, NETWORKED_ROLES, TCVN } from "./lib/common.js";

const WU = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
/** Windows Update searches daily; two weeks without a successful search means it is stuck. */
export const UPDATE_SEARCH_MAX_AGE_DAYS = 14;

/**
 * The WSUS address as the update client wants it: scheme, host, port and path,
 * without a trailing slash (the client appends its own paths), query or fragment.
 * Going through URL also percent-encodes spaces and control characters, so the
 * registry value is one clean line whatever the inventory held.
 */
export function wsusServerValue(wsus: string): string {
  const url = new URL(wsus);
  // Over http anyone on the school LAN can answer as the WSUS server and serve "updates"
  // (the inventory schema refuses it too; this stops a caller that skipped validation).
  if (url.protocol !== "https:")
    throw new Error(`WSUS must be reached over https:// (e.g. :8531), not ${url.protocol}`);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path}`;
}

/**
 * Automatic download and scheduled install every day (AUOptions 4, CIS). With a WSUS
 * server in the inventory (a central patch server is a TCVN 14423 level-3 measure),
 * machines take updates from it. Not for classified machines: they have no network,
 * so IT staff patch them from offline media (README says how).
 */
export default defineControl({
  id: "win.update.automatic",
  title: {
    vi: "Tự động cập nhật Windows (qua WSUS nếu có)",
    en: "Automatic Windows Update (through WSUS where set)",
  },
  rationale: {
    vi: "Lỗ hổng đã công bố phải được vá. Tự động tải và cài bản cập nhật hằng ngày; nếu kiểm kê có máy chủ WSUS thì lấy bản cập nhật từ đó. Máy soạn thảo tài liệu mật không nối mạng nên không áp dụng: cán bộ CNTT cập nhật bằng phương tiện ngoại tuyến.",
    en: "Published vulnerabilities must be patched. Updates download and install automatically every day; with a WSUS server in the inventory, machines take them from it. Not for classified machines, which have no network: IT staff patch them from offline media.",
  },
  severity: "high",
  requirements: ["HY-EDU-S19", "QN-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Configure Automatic Updates = Enabled; Scheduled install day = 0 - Every day`,
    tcvn14423: `${TCVN}: a central patch server from level 3`,
  },
  appliesTo: { os: ["windows"], roles: NETWORKED_ROLES },
  settings: (ctx) => {
    const au = `${WU}\\AU`;
    const settings: Setting[] = [
      regDword(au, "NoAutoUpdate", 0),
      regDword(au, "AUOptions", 4),
      regDword(au, "ScheduledInstallDay", 0),
    ];
    const wsus = ctx.unit.network.wsus;
    if (wsus) {
      const server = wsusServerValue(wsus);
      settings.push(
        regString(WU, "WUServer", server),
        regString(WU, "WUStatusServer", server),
        regDword(au, "UseWUServer", 1),
      );
    }
    // Policy set is not patches found: a WSUS that is down or unreachable leaves the
    // values right and the machine unpatched. Test asks Windows Update when it last searched.
    settings.push({ kind: "check", check: "update-search-recent", maxAgeDays: UPDATE_SEARCH_MAX_AGE_DAYS });
    return settings;
  },
});
