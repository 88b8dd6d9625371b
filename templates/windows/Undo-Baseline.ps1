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

# Only what this bundle changes is restored: an entry's identity is computed from its own
# fields by its kind (never taken from its Id) and must be one of the bundle's settings, or
# a value a row of the bundle owns (a key it owns whole). Anything else is reported and
# left alone.
function Select-BundleEntries {
    param([object[]]$Entries)
    $rows = @(Get-PlanRows)
    $ids = @{}
    foreach ($row in $rows) { $ids[[string](Get-SettingId -Row $row)] = $true }
    $owners = @($rows | Where-Object { -not [string]::IsNullOrEmpty((Get-SettingKind -Item $_).Owns) })
    $kept = New-Object System.Collections.Generic.List[object]
    foreach ($e in $Entries) {
        $id = Get-SettingId -Row $e
        $ok = ($null -ne $id) -and $ids.ContainsKey([string]$id)
        if (-not $ok -and $null -ne $id) {
            foreach ($row in $owners) {
                $owner = Get-SettingKind -Item $row
                if (& $owner.Owns -Row $row -Entry $e) { $ok = $true; break }
            }
        }
        if ($ok) { $kept.Add($e); continue }
        Write-Say -Vi ('Bỏ qua mục sao lưu không thuộc gói này: {0}' -f (Limit-Text -Text ([string]$id) -Max 200)) `
            -En ('Skipped a backup entry that is not one of this bundle''s settings: {0}' -f (Limit-Text -Text ([string]$id) -Max 200)) -Color Yellow
    }
    return , $kept.ToArray()
}

# Every kind's entries by its own Restore, kinds in their declared order; one kind failing
# does not stop the others.
function Restore-Entries {
    param([object[]]$Entries)
    $errors = New-Object System.Collections.Generic.List[string]
    foreach ($handlers in @(Get-SettingKindsInOrder)) {
        $mine = @($Entries | Where-Object { [string]$_.Kind -eq $handlers.Kind })
        if ($mine.Count -eq 0) { continue }
        try {
            $found = & $handlers.Restore -Entries $mine
            foreach ($e in (Get-ErrorTexts -Output $found)) { $errors.Add($e) }
        } catch { $errors.Add(('{0}: {1}' -f $handlers.Kind, $_)) }
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

# Assigned, never @(...): the function's one output is its array, which @() would wrap whole.
$entries = Select-BundleEntries -Entries @($backup.entries)
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
