import { defineControl } from "../../control.js";
import { SID } from "../../kinds/user-right/setting.js";
import { type Setting, userRight } from "../../settings.js";
import { CIS, CLASSIFIED, MSB, WINDOWS_ROLES } from "./lib/common.js";

const { administrators, users, guests, remoteDesktopUsers, service, localService, networkService } = SID;
const NOBODY: string[] = [];
const ADMINS = [administrators];
const SERVICES_AND_ADMINS = [service, administrators, networkService, localService];

/**
 * The Microsoft baseline's user rights, as data: each right with exactly its holders.
 * The rights that depend on the role or on remote administration are settled in the
 * control below.
 */
const RIGHTS: Record<string, string[]> = {
  SeTrustedCredManAccessPrivilege: NOBODY,
  SeTcbPrivilege: NOBODY,
  SeInteractiveLogonRight: [administrators, users],
  SeBackupPrivilege: ADMINS,
  SeCreatePagefilePrivilege: ADMINS,
  SeCreateTokenPrivilege: NOBODY,
  SeCreateGlobalPrivilege: SERVICES_AND_ADMINS,
  SeCreatePermanentPrivilege: NOBODY,
  SeDebugPrivilege: ADMINS,
  SeEnableDelegationPrivilege: NOBODY,
  SeRemoteShutdownPrivilege: ADMINS,
  SeImpersonatePrivilege: SERVICES_AND_ADMINS,
  SeLoadDriverPrivilege: ADMINS,
  SeLockMemoryPrivilege: NOBODY,
  SeSecurityPrivilege: ADMINS,
  SeSystemEnvironmentPrivilege: ADMINS,
  SeManageVolumePrivilege: ADMINS,
  SeProfileSingleProcessPrivilege: ADMINS,
  SeRestorePrivilege: ADMINS,
  SeTakeOwnershipPrivilege: ADMINS,
};

/**
 * User rights assignment. Holders are SIDs (baselines/kinds/user-right), so the same
 * bundle works on a Vietnamese Windows, where the groups have Vietnamese names.
 *
 * Three rights differ from Microsoft's values, because school machines have no domain
 * and only local accounts (docs/msft-baseline-coverage.md gives the reasons):
 * - network logon keeps Users beside Administrators and Remote Desktop Users on
 *   networked roles: a printer or folder shared from a staff machine is reached by
 *   signing in with a local account of that machine; classified machines (no network)
 *   allow Administrators only;
 * - network logon is denied to Guests, and to local administrators (S-1-5-114, what
 *   pass-the-hash between machines uses) unless the inventory allows remote
 *   administration (remoteAdminFrom): Remote Desktop with NLA signs in over the network,
 *   and without a domain the only administrators are local ones. Classified machines
 *   deny every local account (S-1-5-113), as Microsoft does;
 * - Remote Desktop logon is denied to Guests, and to every local account where Remote
 *   Desktop is not allowed (no remoteAdminFrom, or classified).
 */
export default defineControl({
  id: "win.account.user-rights",
  title: {
    vi: "Quyền người dùng theo Microsoft Security Baseline (chỉ Administrators giữ quyền hệ thống)",
    en: "User rights as the Microsoft Security Baseline assigns them (system privileges for Administrators only)",
  },
  rationale: {
    vi: "Quyền gỡ lỗi tiến trình, nạp driver, sao lưu, chiếm quyền sở hữu... cho phép đọc mật khẩu trong bộ nhớ hoặc vượt mọi phân quyền tệp. Chỉ nhóm Administrators (và dịch vụ của Windows nơi cần) được giữ; không ai được giữ quyền tạo token hay đóng vai hệ điều hành. Tài khoản Guest bị cấm đăng nhập qua mạng và Remote Desktop; tài khoản quản trị cục bộ bị cấm đăng nhập qua mạng nếu đơn vị không cho phép quản trị từ xa, chặn việc dùng mật khẩu quản trị lấy được ở máy này để vào máy khác. Quyền ghi bằng mã SID nên đúng trên Windows tiếng Việt.",
    en: "Debugging processes, loading drivers, backing up, taking ownership... let a holder read passwords from memory or bypass every file permission. Only Administrators (and Windows' services where needed) hold them; nobody holds creating tokens or acting as the operating system. Guest accounts may not sign in over the network or by Remote Desktop; local administrators may not sign in over the network unless the unit allows remote administration, which stops an administrator password taken on one machine opening the others. Rights are written as SIDs, so they hold on a Vietnamese Windows.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: User Rights Assignment (every right the baseline lists; Access this computer from the network, Deny access to this computer from the network and Deny log on through Remote Desktop Services adapted to machines without a domain, see docs/msft-baseline-coverage.md)`,
    cis: `${CIS}: 2.2.x User Rights Assignment (Deny access to this computer from the network and Deny log on through Remote Desktop Services include Guests)`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => {
    const classified = CLASSIFIED.includes(ctx.role);
    const remoteAdmin = !classified && ctx.unit.network.remoteAdminFrom.length > 0;
    const settings: Setting[] = Object.entries(RIGHTS).map(([right, sids]) => userRight(right, sids));
    settings.push(
      userRight("SeNetworkLogonRight", classified ? ADMINS : [administrators, remoteDesktopUsers, users]),
      userRight(
        "SeDenyNetworkLogonRight",
        classified ? [guests, SID.localAccount] : remoteAdmin ? [guests] : [guests, SID.localAdministrator],
      ),
      userRight("SeDenyRemoteInteractiveLogonRight", remoteAdmin ? [guests] : [guests, SID.localAccount]),
    );
    return settings;
  },
});
