<#
.SYNOPSIS
    Áp dụng gói cấu hình an toàn attt-kit cho máy này.
    Applies the attt-kit hardening bundle to this machine.
.DESCRIPTION
    Trước khi đổi bất cứ gì, lưu mọi giá trị sẽ thay đổi vào
    %ProgramData%\attt-kit\backup\<đơn vị>\<hệ điều hành>-<vai trò>\backup.json (bản sao lưu
    đầu tiên không bao giờ bị ghi đè, nên chạy hai lần vẫn an toàn và Undo-Baseline.ps1
    trả máy về trạng thái ban đầu). Áp dụng bằng secedit, registry, auditpol và dịch vụ,
    rồi in ra những gì đã đổi và kiểm tra lại từng mục.

    Before changing anything, saves every value it will change to
    %ProgramData%\attt-kit\backup\<unit>\<os>-<role>\backup.json (the first backup is never
    overwritten, so running twice is safe and Undo-Baseline.ps1 restores the original
    state). Applies with secedit, the registry, auditpol and services, then prints what
    it changed and checks every setting again.
.PARAMETER Role
    Lần đầu chạy trên một máy: xác nhận vai trò của máy (phải trùng vai trò của gói).
    First run on a machine: confirms the machine's role (must equal the bundle's role).
.PARAMETER Ask
    Lần đầu trên một máy chưa đánh dấu vai trò: hỏi xác nhận vai trò trên màn hình thay cho
    -Role (attt.cmd dùng tham số này).
    First run on an unmarked machine: asks on screen to confirm the role instead of -Role
    (attt.cmd uses it).
.PARAMETER Force
    Áp dụng cả khi vai trò đã đánh dấu trên máy hoặc phiên bản Windows khác với gói.
    Applies even when the machine's role marker or Windows version differ from the bundle's.
.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Apply-Baseline.ps1 -Role office
#>
[CmdletBinding()]
param(
    [ValidateSet('office', 'teacher', 'lab', 'classified')]
    [string]$Role,
    [switch]$Ask,
    [switch]$Force
)

# ---------------------------------------------------------------- data (generated)
# @attt-kit:data@

# @attt-kit:common@

# ---------------------------------------------------------------- apply

# The role marker (HKLM\SOFTWARE\attt-kit) says which bundle a machine takes. A machine
# marked for another role is refused: a classified bundle cuts every network off, a
# lab bundle on a classified machine opens it. An unmarked machine needs -Role.
function Assert-Role {
    param([string]$ConfirmedRole, [switch]$Ask, [switch]$Force)
    $marker = Get-RoleMarker
    if ($null -ne $marker -and $marker.Role -ne '') {
        if ($marker.Role -eq $Bundle.Role) { return }
        if ($Force) {
            Write-Say -Vi ('Cảnh báo: máy được đánh dấu vai trò {0}, áp dụng gói {1} vì có -Force.' -f $marker.Role, $Bundle.Role) `
                -En ('Warning: machine is marked {0}; applying the {1} bundle because of -Force.' -f $marker.Role, $Bundle.Role) -Color Yellow
            return
        }
        Stop-WithMessage -Vi ('Máy này được đánh dấu vai trò "{0}" nhưng gói dành cho "{1}". Dùng đúng gói, hoặc thêm -Force nếu vai trò của máy đã đổi.' -f $marker.Role, $Bundle.Role) `
            -En ('This machine is marked as role "{0}" but the bundle is for "{1}". Use the right bundle, or add -Force if the machine''s role has changed.' -f $marker.Role, $Bundle.Role)
    }
    if ($ConfirmedRole -eq $Bundle.Role -or $Force) { return }
    if ($Ask) {
        Write-Say -Vi ('Máy này có đúng là máy vai trò "{0}" của {1}? Gõ C (có) rồi Enter để tiếp tục.' -f $Bundle.Role, $Bundle.UnitName) `
            -En ('Is this machine a "{0}" machine of {1}? Type C (yes) and Enter to go on.' -f $Bundle.Role, $Bundle.UnitName) -Color Cyan
        $answer = [string](Read-Host)
        if (@('c', 'y') -contains $answer.Trim().ToLowerInvariant()) { return }
    }
    Stop-WithMessage -Vi ('Máy chưa được đánh dấu vai trò. Chạy lại với -Role {0} để xác nhận đây là máy "{0}".' -f $Bundle.Role) `
        -En ('This machine has no role marker yet. Run again with -Role {0} to confirm it is a "{0}" machine.' -f $Bundle.Role)
}

# Refuses to cut off the session it runs in: applying "RDP off" or "block all traffic"
# over Remote Desktop, "WinRM off" over PowerShell remoting, or "block all traffic" over
# OpenSSH, locks the technician out halfway. Run it at the console instead, or add -Force.
function Assert-KeepsOwnSession {
    param([switch]$Force)
    $overRdp = ([string]$env:SESSIONNAME) -like 'RDP-*'
    $overRemoting = $null -ne (Get-Variable -Name 'PSSenderInfo' -ErrorAction SilentlyContinue)
    # Windows' OpenSSH server sets these for every session it starts.
    $overSsh = -not [string]::IsNullOrEmpty($env:SSH_CONNECTION) -or -not [string]::IsNullOrEmpty($env:SSH_CLIENT)
    if (-not $overRdp -and -not $overRemoting -and -not $overSsh) { return }
    # What the controls declare they cut off (control.cutsRemoteSessions), never guessed from setting names.
    $cuts = @($Controls | Where-Object { $_.Contains('CutsSessions') } | ForEach-Object { @($_['CutsSessions']) } | ForEach-Object { [string]$_ })
    if (($overRdp -and $cuts -contains 'rdp') -or ($overRemoting -and $cuts -contains 'remoting') -or ($overSsh -and $cuts -contains 'ssh')) {
        if ($Force) {
            Write-Say -Vi 'Cảnh báo: gói sẽ cắt phiên từ xa đang dùng; tiếp tục vì có -Force.' `
                -En 'Warning: the bundle cuts off the remote session in use; going on because of -Force.' -Color Yellow
            return
        }
        Stop-WithMessage -Vi 'Gói này tắt Remote Desktop/WinRM, chặn mọi kết nối, hoặc chỉ cho Remote Desktop từ dải mạng quản trị, nên có thể cắt phiên từ xa (Remote Desktop, PowerShell remoting, SSH) đang chạy script. Hãy chạy tại máy (console), hoặc thêm -Force nếu bạn kết nối từ dải mạng quản trị. Chưa thay đổi gì.' `
            -En 'This bundle turns Remote Desktop/WinRM off, blocks all traffic, or admits Remote Desktop only from the admin networks, so it may cut off the remote session (Remote Desktop, PowerShell remoting, SSH) running it. Run it at the console, or add -Force if you are connected from an admin network. Nothing was changed.'
    }
}

# Renaming the built-in Administrator (RID 500, found by SID: its name is localized or
# already changed) breaks what signs in by its old name: automatic logon (Winlogon's
# DefaultUserName) stops, and services running as .\Administrator fail to start. The row
# that renames it declares so (RenamesAccountRid, from the setting). Returns the rename (or
# $null when the bundle does not rename it, or it has the name already).
function Get-AdminRename {
    $row = @($Settings | Where-Object { $_.Contains('RenamesAccountRid') -and [int]$_['RenamesAccountRid'] -eq 500 } | Select-Object -First 1)
    if ($row.Count -eq 0) { return $null }
    $account = Get-CimInstance -ClassName Win32_UserAccount -Filter 'LocalAccount = TRUE' |
        Where-Object { ([string]$_.SID).StartsWith('S-1-5-21-') -and ([string]$_.SID).EndsWith('-500') } | Select-Object -First 1
    if ($null -eq $account) { return $null }
    $old = [string]$account.Name
    $new = [string]$row[0].Value
    if ($old -eq $new) { return $null }
    return [pscustomobject]@{ Old = $old; New = $new }
}

function Assert-AdminRenameSafe {
    param($Rename, [switch]$Force)
    if ($null -eq $Rename) { return }
    $autoLogon = ''
    $autoUser = ''
    $key = $Script:Hklm.OpenSubKey('SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon')
    if ($null -ne $key) { try { $autoLogon = [string]$key.GetValue('AutoAdminLogon'); $autoUser = [string]$key.GetValue('DefaultUserName') } finally { $key.Close() } }
    if ($autoLogon.Trim() -eq '1' -and $autoUser.Trim() -ieq $Rename.Old) {
        if (-not $Force) {
            Stop-WithMessage -Vi ('Máy tự đăng nhập bằng tài khoản {0}; gói đổi tên tài khoản này thành {1} nên máy sẽ không tự đăng nhập được nữa. Tắt tự đăng nhập (hoặc đổi DefaultUserName trong HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon sau khi áp dụng), hoặc thêm -Force nếu chấp nhận. Chưa thay đổi gì.' -f $Rename.Old, $Rename.New) `
                -En ('This machine signs in automatically as {0}; the bundle renames that account to {1}, so automatic logon will stop. Turn automatic logon off (or change DefaultUserName under HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon after applying), or add -Force to accept it. Nothing was changed.' -f $Rename.Old, $Rename.New)
        }
        Write-Say -Vi ('Cảnh báo: tự đăng nhập bằng {0} sẽ ngừng; tiếp tục vì có -Force.' -f $Rename.Old) `
            -En ('Warning: automatic logon as {0} will stop; going on because of -Force.' -f $Rename.Old) -Color Yellow
    }
    $suffix = '\{0}' -f $Rename.Old
    foreach ($svc in @(Get-CimInstance -ClassName Win32_Service | Where-Object { ([string]$_.StartName).EndsWith($suffix, [StringComparison]::OrdinalIgnoreCase) })) {
        Write-Say -Vi ('Cảnh báo: dịch vụ {0} chạy bằng {1}; sau khi đổi tên, đặt lại tài khoản của nó thành .\{2} (services.msc > Log On) nếu không nó sẽ không khởi động được.' -f $svc.Name, $svc.StartName, $Rename.New) `
            -En ('Warning: service {0} runs as {1}; after the rename set its account to .\{2} (services.msc > Log On) or it will not start.' -f $svc.Name, $svc.StartName, $Rename.New) -Color Yellow
    }
}

# With local rules ignored on the Public profile (AllowLocalPolicyMerge 0), a school LAN
# that Windows classed as Public loses every rule a program or technician added (file
# sharing, printers, the school's management software). Said before applying, not refused:
# the fix is the network's category, not the bundle. The controls declare which profiles
# they make ignore local rules (control.ignoresLocalFirewallRules, IgnoresLocalRulesOn).
function Show-PublicNetworkWarning {
    $profiles = @($Controls | Where-Object { $_.Contains('IgnoresLocalRulesOn') } | ForEach-Object { @($_['IgnoresLocalRulesOn']) } | ForEach-Object { [string]$_ })
    if ($profiles -notcontains 'public') { return }
    if ($null -eq (Get-Command -Name 'Get-NetConnectionProfile' -ErrorAction SilentlyContinue)) { return }
    foreach ($p in @(Get-NetConnectionProfile -ErrorAction SilentlyContinue | Where-Object { [string]$_.NetworkCategory -eq 'Public' })) {
        Write-Say -Vi ('Cảnh báo: mạng "{0}" (card {1}, InterfaceIndex {2}) đang được Windows coi là mạng công cộng (Public); gói bỏ qua mọi luật tường lửa cục bộ trên hồ sơ Public, nên chia sẻ tệp, máy in và phần mềm quản lý lớp học có thể ngừng chạy. Nếu đây là mạng của trường: Set-NetConnectionProfile -InterfaceIndex {2} -NetworkCategory Private' -f $p.Name, $p.InterfaceAlias, $p.InterfaceIndex) `
            -En ('Warning: network "{0}" (adapter {1}, InterfaceIndex {2}) is classed as Public; the bundle ignores every local firewall rule on the Public profile, so file sharing, printers and classroom management software may stop working. If this is the school''s network: Set-NetConnectionProfile -InterfaceIndex {2} -NetworkCategory Private' -f $p.Name, $p.InterfaceAlias, $p.InterfaceIndex) -Color Yellow
    }
}

# The backup entries of one plan row (its kind's Get), its kind's state read once per $Cache.
function Get-RowEntries {
    param($Row, [hashtable]$Cache)
    $handlers = Get-SettingKind -Item $Row
    if ($null -eq $handlers) { throw ('loại thiết lập không biết / unknown setting kind: {0}' -f $Row.Kind) }
    return , @(& $handlers.Entry -Row $Row -State (Get-KindState -Handlers $handlers -Cache $Cache))
}

# The current value of everything the plan touches, as backup entries. A row whose value
# cannot be read (access denied, the Task Scheduler off, a tool failing) is not an entry:
# it is listed in Unreadable (its id and the error, Vietnamese first), left out of the
# backup and so out of Invoke-Apply (what has no backup is never changed).
function Get-CurrentEntries {
    param([object[]]$Plan)
    $entries = New-Object System.Collections.Generic.List[object]
    $unreadable = New-Object System.Collections.Generic.List[object]
    $cache = @{}
    foreach ($row in $Plan) {
        try {
            # Assigned first: the function's one output is its array of entries (none for an empty key).
            $rowEntries = Get-RowEntries -Row $row -Cache $cache
            foreach ($e in $rowEntries) { $entries.Add($e) }
        } catch {
            $unreadable.Add([pscustomobject]@{
                    Id = [string](Get-SettingId -Row $row)
                    Message = ('{0}: không đọc được giá trị hiện tại / the current value cannot be read: {1}' -f (Get-EntryLabel -Entry $row), $_)
                })
        }
    }
    return [pscustomobject]@{ Entries = $entries.ToArray(); Unreadable = $unreadable.ToArray() }
}

# Adds to the backup what it does not hold yet; what it holds (the state before the
# first Apply) is never replaced, so Undo always returns to the original state. One
# exception: an entry of a kind Apply never creates (a service, a task: NeverCreates) that
# says "absent" while the item is there now. Apply cannot have changed it (it leaves absent
# items alone, and this run has not applied yet), so the entry is taken again: otherwise
# this Apply would disable the item and Undo, reading "absent", would leave it disabled.
# Likewise an entry marked Untouched (a value an earlier Apply found already strong enough
# and left alone, e.g. secedit's) is taken again: no Apply changed it, and this one may.
function Save-Backup {
    param([object[]]$Current)
    $existing = Read-Backup
    $entries = New-Object System.Collections.Generic.List[object]
    $known = @{}
    $backup = $null
    if ($null -ne $existing) {
        $appeared = @{}
        $now = @{}
        foreach ($e in $Current) {
            $now[[string]$e.Id] = $e
            $handlers = Get-SettingKind -Item $e
            if ($null -ne $handlers -and $handlers.NeverCreates -and $e.Present) { $appeared[[string]$e.Id] = $e }
        }
        foreach ($e in @($existing.entries)) {
            $id = [string]$e.Id
            $kept = $e
            if ($appeared.ContainsKey($id) -and $null -ne (Get-SettingKind -Item $e) -and -not $e.Present) { $kept = $appeared[$id] }
            if ((Test-EntryUntouched -Entry $e) -and $now.ContainsKey($id)) { $kept = $now[$id] }
            $entries.Add($kept); $known[$id] = $true
        }
        $backup = [ordered]@{
            schema = $existing.schema; bundle = $existing.bundle; createdAt = $existing.createdAt
            updatedAt = (Format-Timestamp); marker = $existing.marker; entries = $null
        }
    } else {
        $marker = Get-RoleMarker
        $backup = [ordered]@{
            schema = 'attt.backup/1'; bundle = $Bundle.Id; createdAt = (Format-Timestamp); updatedAt = (Format-Timestamp)
            marker = [ordered]@{ Existed = ($null -ne $marker); Value = $marker }; entries = $null
        }
    }
    $added = 0
    foreach ($e in $Current) {
        if ($known.ContainsKey([string]$e.Id)) { continue }
        $entries.Add($e); $known[[string]$e.Id] = $true; $added++
    }
    $backup.entries = $entries.ToArray()
    Write-Backup -Backup $backup
    return $added
}

# Every kind's rows by its own Apply, kinds in their declared order; one kind failing
# does not stop the others.
function Invoke-Apply {
    param([object[]]$Plan)
    $errors = New-Object System.Collections.Generic.List[string]
    foreach ($handlers in @(Get-SettingKindsInOrder)) {
        $rows = @($Plan | Where-Object { $_.Kind -eq $handlers.Kind })
        if ($rows.Count -eq 0) { continue }
        try {
            $found = & $handlers.Apply -Rows $rows
            foreach ($e in (Get-ErrorTexts -Output $found)) { $errors.Add($e) }
        } catch { $errors.Add(('{0}: {1}' -f $handlers.Kind, $_)) }
    }
    return , $errors.ToArray()
}

# What staff must do by hand (each kind's optional Remind, kinds in their declared order),
# said after the list of changes and errors so it is the last thing before the check; one
# kind failing does not stop the others.
function Show-Reminders {
    param([object[]]$Plan)
    $errors = New-Object System.Collections.Generic.List[string]
    foreach ($handlers in @(Get-SettingKindsInOrder)) {
        if ([string]::IsNullOrEmpty($handlers.Remind)) { continue }
        $rows = @($Plan | Where-Object { $_.Kind -eq $handlers.Kind })
        if ($rows.Count -eq 0) { continue }
        try {
            $found = & $handlers.Remind -Rows $rows
            foreach ($e in (Get-ErrorTexts -Output $found)) { $errors.Add($e) }
        } catch { $errors.Add(('{0}: {1}' -f $handlers.Kind, $_)) }
    }
    return , $errors.ToArray()
}

# Prints every value that differs between two captures: changed, added or removed.
function Show-Changes {
    param([object[]]$Before, [object[]]$After)
    $old = [ordered]@{}
    foreach ($e in $Before) { $old[[string]$e.Id] = $e }
    $new = [ordered]@{}
    foreach ($e in $After) { $new[[string]$e.Id] = $e }
    $ids = New-Object System.Collections.Generic.List[string]
    foreach ($id in $old.Keys) { $ids.Add([string]$id) }
    foreach ($id in $new.Keys) { if (-not $old.Contains($id)) { $ids.Add([string]$id) } }
    $changed = 0
    foreach ($id in $ids) {
        $b = $old[$id]
        $a = $new[$id]
        $was = ''
        $now = ''
        if ($null -ne $b) { $was = ($b | ConvertTo-Json -Compress -Depth 4) }
        if ($null -ne $a) { $now = ($a | ConvertTo-Json -Compress -Depth 4) }
        if ($was -eq $now) { continue }
        $changed++
        $shown = $a
        if ($null -eq $shown) { $shown = $b }
        Write-Host ('  changed  {0}' -f (Get-EntryLabel -Entry $shown)) -ForegroundColor Green
        Write-Host ('           {0}  ->  {1}' -f (Get-EntryValue -Entry $b), (Get-EntryValue -Entry $a))
    }
    return $changed
}

function Get-EntryLabel {
    param($Entry)
    $handlers = Get-SettingKind -Item $Entry
    if ($null -ne $handlers) { return & $handlers.Label -Entry $Entry }
    return [string]$Entry.Kind
}

function Get-EntryValue {
    param($Entry)
    if ($null -eq $Entry) { return '(absent)' }
    $handlers = Get-SettingKind -Item $Entry
    if ($null -ne $handlers) { return & $handlers.Value -Entry $Entry }
    return ''
}

function Show-Failures {
    param([object[]]$Failures)
    foreach ($f in $Failures) { Write-Host ('  lỗi / error  {0}' -f $f) -ForegroundColor Red }
}

# ---------------------------------------------------------------- main

Show-BundleHeader -Action 'apply'
Assert-Administrator
Assert-TrustedLocation
$machineOs = Assert-Platform -Force:$Force
$Script:MachineOs = $machineOs
Assert-NotFrozen -Force:$Force
Initialize-StateRoot
if ($machineOs.IsHome) {
    Write-Say -Vi ('Cảnh báo: Windows Home ({0}) bỏ qua chính sách nhóm; phần chính sách của gói không có hiệu lực trên máy này. Nâng cấp lên Pro hoặc Education.' -f $machineOs.Edition) `
        -En ('Warning: Windows Home ({0}) ignores Group Policy; the bundle''s policy settings take no effect here. Upgrade to Pro or Education.' -f $machineOs.Edition) -Color Yellow
}
Assert-Role -ConfirmedRole $Role -Ask:$Ask -Force:$Force
Assert-KeepsOwnSession -Force:$Force
$adminRename = Get-AdminRename
Assert-AdminRenameSafe -Rename $adminRename -Force:$Force
Show-PublicNetworkWarning

# Errors end the run, one list: rows of unknown kinds, rows unreadable before or after, steps that failed.
$failures = New-Object System.Collections.Generic.List[string]
foreach ($row in @(Get-UnknownKindRows)) {
    $failures.Add(('loại thiết lập không biết "{0}" (biện pháp {1}), không áp dụng / unknown setting kind "{0}" (control {1}), not applied' -f $row.Kind, (@($row.Controls) -join ', ')))
}

# Until the backup is written nothing is changed: an unexpected error here says so and exits 2.
try {
    $plan = @(Get-PlanRows)
    $before = Get-CurrentEntries -Plan $plan
    foreach ($u in $before.Unreadable) { $failures.Add($u.Message) }
    # What has no backup is not applied.
    $skip = @($before.Unreadable | ForEach-Object { $_.Id })
    $plan = @($plan | Where-Object { $skip -notcontains [string](Get-SettingId -Row $_) })
    $added = Save-Backup -Current $before.Entries
} catch {
    Show-Failures -Failures $failures
    Stop-WithMessage -Vi ('Lỗi không lường trước khi đọc máy hoặc lưu bản sao lưu: {0}. Chưa thay đổi gì.' -f $_) `
        -En ('Unexpected error while reading the machine or saving the backup: {0}. Nothing was changed.' -f $_)
}
Write-Say -Vi ('Đã sao lưu giá trị ban đầu ({0} mục mới) vào {1}' -f $added, (Get-BackupPath)) `
    -En ('Original values saved ({0} new entries) to {1}' -f $added, (Get-BackupPath))

# From here the machine changes: an unexpected error still prints what changed and every
# error, and exits 1 (Test-Baseline.ps1 then says where the machine stands).
try {
    $applyErrors = Invoke-Apply -Plan $plan
    foreach ($f in $applyErrors) { $failures.Add($f) }
    Set-RoleMarker -Marker ([pscustomobject]@{ Role = $Bundle.Role; Unit = $Bundle.Unit; Bundle = $Bundle.Id; Sha256 = $Bundle.Sha256 })

    $after = Get-CurrentEntries -Plan $plan
    foreach ($u in $after.Unreadable) { $failures.Add($u.Message) }
    # A value unreadable now is in the error list, not shown as removed.
    $unreadableNow = @($after.Unreadable | ForEach-Object { $_.Id })
    $compared = @($before.Entries | Where-Object { $unreadableNow -notcontains [string]$_.Id })
    Write-Host ''
    Write-Say -Vi 'Những gì đã thay đổi:' -En 'What changed:' -Color Cyan
    $changed = Show-Changes -Before $compared -After $after.Entries
    Write-Say -Vi ('{0} giá trị đã thay đổi trên {1} ({2}).' -f $changed, $env:COMPUTERNAME, $machineOs.Family) `
        -En ('{0} values changed on {1} ({2}).' -f $changed, $env:COMPUTERNAME, $machineOs.Family)
} catch {
    $failures.Add(('lỗi không lường trước / unexpected error: {0}' -f $_))
    Show-Failures -Failures $failures
    Write-Say -Vi 'Apply dừng giữa chừng sau khi đã sao lưu: máy có thể đã thay đổi một phần. Chạy Test-Baseline.ps1 để xem trạng thái, Undo-Baseline.ps1 để trả lại.' `
        -En 'Apply stopped halfway after the backup: the machine may be partly changed. Run Test-Baseline.ps1 to see where it stands, Undo-Baseline.ps1 to put it back.' -Color Red
    exit 1
}
Show-Failures -Failures $failures
$reminderErrors = Show-Reminders -Plan $plan
Show-Failures -Failures $reminderErrors
foreach ($f in $reminderErrors) { $failures.Add($f) }

Write-Host ''
Write-Say -Vi 'Kiểm tra lại:' -En 'Checking again:' -Color Cyan
$results = Invoke-Evaluation
$bad = 0
foreach ($r in $results) {
    $color = 'Green'
    if ($r.status -ne 'pass') { $color = 'Yellow'; $bad++ }
    Write-Host ('  {0,-6} {1}' -f $r.status, $r.control) -ForegroundColor $color
}
if ($null -ne $adminRename) {
    Write-Host ''
    Write-Say -Vi ('QUAN TRỌNG: tài khoản Administrator có sẵn ({0}) nay tên là {1}. Đăng nhập bằng tên mới; mật khẩu không đổi.' -f $adminRename.Old, $adminRename.New) `
        -En ('IMPORTANT: the built-in Administrator ({0}) is now named {1}. Sign in with the new name; the password is unchanged.' -f $adminRename.Old, $adminRename.New) -Color Magenta
}
Write-Say -Vi 'Khởi động lại máy để mọi thiết lập có hiệu lực (tường lửa, dịch vụ, SMBv1).' `
    -En 'Restart the machine so that every setting takes effect (firewall, services, SMBv1).' -Color Cyan
if ($failures.Count -gt 0 -or $bad -gt 0) { exit 1 }
exit 0
