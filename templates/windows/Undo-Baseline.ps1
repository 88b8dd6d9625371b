<#
.SYNOPSIS
    Trả máy về trạng thái trước lần chạy Apply-Baseline.ps1 đầu tiên.
    Restores the machine to its state before the first Apply-Baseline.ps1.
.DESCRIPTION
    Đọc bản sao lưu %ProgramData%\attt-kit\backup\<đơn vị>\<hệ điều hành>-<vai trò>\backup.json,
    khôi phục từng giá trị (chính sách bảo mật và quyền người dùng bằng secedit, registry, phần người dùng của chính sách nhóm cục bộ, auditpol, dịch vụ),
    rồi đổi tên bản sao lưu thành backup-undone-<thời điểm>.json để lần Apply sau lưu lại từ đầu.

    Reads %ProgramData%\attt-kit\backup\<unit>\<os>-<role>\backup.json, restores every value
    (security policy and user rights with secedit, registry, the local Group Policy's user part, auditpol, services), then renames the backup to
    backup-undone-<time>.json so that a later Apply saves afresh.
    Mã thoát: 0 đã khôi phục, 1 không có bản sao lưu hoặc có giá trị không khôi phục được,
    2 từ chối (không thay đổi gì).
    Exit code: 0 restored, 1 no backup or some value not restored, 2 refused (nothing changed).
.PARAMETER Force
    Hoàn tác cả khi phiên bản Windows của máy không nằm trong danh sách của gói
    ($Bundle.OsAllowed), ví dụ máy được nâng cấp Windows sau khi áp dụng. Không bỏ qua được
    việc từ chối Windows Server, Windows cũ hơn 10 hay Windows PowerShell 32-bit.
    Undoes even when the machine's Windows version is not in the bundle's list
    ($Bundle.OsAllowed), e.g. Windows was upgraded after Apply. It never overrides the
    refusal of Windows Server, Windows older than 10, or 32-bit Windows PowerShell.
.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Undo-Baseline.ps1
#>
[CmdletBinding()]
param(
    [switch]$Force
)

# ---------------------------------------------------------------- data (generated)
# @attt-kit:data@

# @attt-kit:common@

# ---------------------------------------------------------------- undo

# secedit /export leaves LockoutDuration and ResetLockoutCount out while the lockout
# threshold is 0 (no lockout: Windows 10's default), although the machine still holds a
# value for each, so Apply records them as not present. Restoring nothing would leave
# the hardened values behind, ready for the day a threshold is set again; Undo writes
# Windows' default, 30 minutes, instead. Reading the real value from elsewhere (net
# accounts prints localized text) is not worth it for settings without effect while the
# threshold is 0. Read back, the export omits them again while the threshold is 0: the
# state Apply found, so that is not an error.
$Script:SeceditDefaults = @{
    LockoutDuration = 30
    ResetLockoutCount = 30
}

# Only what this bundle changes is restored: an entry's identity is computed from its own
# fields (never taken from its Id) and must be one of the bundle's settings, or a value in
# a key the bundle owns whole (registry-clear). Anything else is reported and left alone.
function Select-BundleEntries {
    param([object[]]$Entries)
    $ids = @{}
    $clearPaths = @{}
    foreach ($row in @(Get-UniqueSettings)) {
        $ids[[string](Get-SettingId -Row $row)] = $true
        if ($row.Kind -eq 'registry-clear') { $clearPaths[([string]$row.Path).ToUpperInvariant()] = $true }
    }
    $kept = New-Object System.Collections.Generic.List[object]
    foreach ($e in $Entries) {
        $id = $null
        if (@('secedit', 'registry', 'audit', 'user-right', 'user-registry') -contains [string]$e.Kind -or $null -ne (Get-SettingKind -Item $e)) { $id = Get-SettingId -Row $e }
        $ok = ($null -ne $id) -and ($ids.ContainsKey([string]$id) -or ($e.Kind -eq 'registry' -and $clearPaths.ContainsKey(([string]$e.Path).ToUpperInvariant())))
        if ($ok) { $kept.Add($e); continue }
        Write-Say -Vi ('Bỏ qua mục sao lưu không thuộc gói này: {0}' -f (Limit-Text -Text ([string]$id) -Max 200)) `
            -En ('Skipped a backup entry that is not one of this bundle''s settings: {0}' -f (Limit-Text -Text ([string]$id) -Max 200)) -Color Yellow
    }
    return , $kept.ToArray()
}

function Restore-Entries {
    param([object[]]$Entries)
    $errors = New-Object System.Collections.Generic.List[string]
    $secedit = [ordered]@{}
    $defaulted = @{}
    $createdKeys = New-Object System.Collections.Generic.List[string]
    foreach ($e in $Entries) {
        try {
            switch ($e.Kind) {
                'registry' {
                    if ($e.Present) { Set-RegistryData -Path $e.Path -Name $e.Name -Kind $e.ValueKind -Data $e.Data }
                    else { Remove-RegistryData -Path $e.Path -Name $e.Name }
                    if (-not $e.KeyExisted) { $createdKeys.Add([string]$e.Path) }
                }
                'secedit' {
                    if ($e.Present) {
                        if ($e.IsString) { $secedit[[string]$e.Key] = [string]$e.Value } else { $secedit[[string]$e.Key] = [int64]$e.Value }
                    } elseif ($Script:SeceditDefaults.ContainsKey([string]$e.Key)) {
                        $secedit[[string]$e.Key] = [int64]$Script:SeceditDefaults[[string]$e.Key]
                        $defaulted[[string]$e.Key] = $true
                    }
                }
                'audit' { Set-AuditSubcategory -Guid $e.Guid -Value ([int]$e.Value) -Exact }
                default {
                    $handlers = Get-SettingKind -Item $e
                    if ($null -ne $handlers) { & $handlers.Restore -Entry $e }
                }
            }
        } catch { $errors.Add(('{0} {1}: {2}' -f $e.Kind, $e.Id, $_)) }
    }
    try {
        Invoke-SeceditConfigure -Values $secedit
        # secedit can return success and still leave values unchanged: read them back.
        if ($secedit.Count -gt 0) {
            $now = Read-SeceditValues
            foreach ($k in @($secedit.Keys)) {
                if ($defaulted.ContainsKey($k) -and -not $now.ContainsKey($k)) { continue }
                if ([string]$now[$k] -ne [string]$secedit[$k]) {
                    $errors.Add(('secedit {0}: {1} expected, {2} found' -f $k, $secedit[$k], $now[$k]))
                }
            }
        }
    } catch { $errors.Add(('secedit: {0}' -f $_)) }
    foreach ($err in @(Restore-UserRights -Entries @($Entries | Where-Object { $_.Kind -eq 'user-right' }))) { $errors.Add($err) }
    foreach ($err in @(Restore-UserPolicies -Entries @($Entries | Where-Object { $_.Kind -eq 'user-registry' }))) { $errors.Add($err) }
    # Keys Apply created, deepest first, removed once empty.
    foreach ($path in @($createdKeys | Sort-Object -Unique | Sort-Object -Property Length -Descending)) {
        try { Remove-EmptyKey -Path $path } catch { $errors.Add(('key {0}: {1}' -f $path, $_)) }
    }
    return , $errors.ToArray()
}

# ---------------------------------------------------------------- main

Show-BundleHeader -Action 'undo'
Assert-Administrator
Assert-TrustedLocation
$Script:MachineOs = Assert-Platform -Force:$Force
Assert-NotFrozen -Force:$Force
Initialize-StateRoot
if ($Script:StateSetAside -ne '') {
    Stop-WithMessage -Vi ('Thư mục trạng thái có thể đã bị người dùng khác sửa nên đã được đổi tên thành {0}; không hoàn tác theo bản sao lưu trong đó. Kiểm tra máy, hoặc áp dụng lại gói. Chưa thay đổi gì.' -f $Script:StateSetAside) `
        -En ('The state folder may have been changed by other users and was renamed to {0}; its backup is not used for Undo. Check the machine, or apply the bundle again. Nothing was changed.' -f $Script:StateSetAside)
}
$backup = Read-Backup
if ($null -eq $backup) {
    Write-Say -Vi ('Không có bản sao lưu tại {0}: máy chưa được áp dụng gói này, không có gì để hoàn tác.' -f (Get-BackupPath)) `
        -En ('No backup at {0}: this bundle was never applied here; nothing to undo.' -f (Get-BackupPath)) -Color Yellow
    exit 1
}

$entries = @(Select-BundleEntries -Entries @($backup.entries))
$failures = Restore-Entries -Entries $entries
if ($backup.marker.Existed) { Set-RoleMarker -Marker $backup.marker.Value } else { Set-RoleMarker -Marker $null }

if ($failures.Count -gt 0) {
    # The backup stays where Apply and Undo look for it: running Undo again retries, and a
    # later Apply does not record today's half-restored values as the machine's originals.
    foreach ($f in $failures) { Write-Host ('  error    {0}' -f $f) -ForegroundColor Red }
    Write-Say -Vi ('{0} giá trị chưa khôi phục được; giữ nguyên bản sao lưu {1}. Khắc phục lỗi ở trên rồi chạy lại Undo-Baseline.ps1.' -f $failures.Count, (Get-BackupPath)) `
        -En ('{0} values were not restored; the backup {1} is kept. Fix the errors above and run Undo-Baseline.ps1 again.' -f $failures.Count, (Get-BackupPath)) -Color Red
    exit 1
}

$stamp = (Get-Date).ToString('yyyyMMdd-HHmmss', $Script:Invariant)
$retired = Join-Path (Get-BackupFolder) ('backup-undone-{0}.json' -f $stamp)
Move-Item -LiteralPath (Get-BackupPath) -Destination $retired

Write-Say -Vi ('Đã khôi phục {0} giá trị. Bản sao lưu đã chuyển thành {1}' -f $entries.Count, $retired) `
    -En ('Restored {0} values. The backup is now {1}' -f $entries.Count, $retired) -Color Cyan
Write-Say -Vi 'Khởi động lại máy để mọi giá trị cũ có hiệu lực.' -En 'Restart the machine so that every restored value takes effect.' -Color Cyan
exit 0
