<#
.SYNOPSIS
    Khóa tài khoản Windows cục bộ và tài khoản miền của người đã nghỉ hưu, nghỉ việc hoặc chuyển công tác.
    Disables the local Windows and domain accounts of people who retired, resigned or transferred.
.DESCRIPTION
    Danh sách lấy từ kiểm kê nhân sự (xem $Leavers bên dưới). Tài khoản windows-local bị khóa
    bằng Disable-LocalUser trên máy đang chạy script, và chỉ khi máy thuộc đơn vị của người đó:
    đơn vị mà Apply-Baseline.ps1 đã ghi trên máy (HKLM\SOFTWARE\attt-kit, giá trị Unit), hoặc
    đơn vị nêu bằng -Unit trên máy chưa áp dụng gói cấu hình. Tên tài khoản cục bộ chỉ duy nhất
    trên một máy (thangnv ở trường này và thangnv ở trường khác là hai người), nên tài khoản
    cục bộ của đơn vị khác được bỏ qua và báo lại; máy chưa rõ đơn vị thì không khóa tài khoản
    cục bộ nào. Tài khoản domain bị khóa bằng Disable-ADAccount khi có mô-đun ActiveDirectory
    (RSAT), nếu không thì bỏ qua và báo lại. Tài khoản ở hệ thống khác (CSDL ngành, vnEdu, ...)
    được liệt kê để khóa bằng tay. Không xóa tài khoản nào. Ghi nhật ký CSV và JSON. Dùng
    -WhatIf để chạy thử.

    The list comes from the staff roster (see $Leavers below). windows-local accounts are
    disabled with Disable-LocalUser on the machine running the script, and only when the
    machine belongs to the leaver's unit: the unit Apply-Baseline.ps1 recorded on it
    (HKLM\SOFTWARE\attt-kit, value Unit), or the unit named with -Unit on a machine where the
    baseline was never applied. A local account name is unique on one machine only (thangnv at
    one school and thangnv at another are two people), so other units' local accounts are
    skipped with a message, and a machine of unknown unit has no local account disabled.
    Domain accounts are disabled with Disable-ADAccount when the ActiveDirectory module (RSAT)
    is present, otherwise skipped with a message. Accounts in other systems (sector database,
    vnEdu, ...) are listed for manual action. No account is deleted. Writes a CSV and a JSON
    log. -WhatIf is a dry run.
.PARAMETER LogFile
    Đường dẫn nhật ký: script ghi <LogFile>.json và <LogFile>.csv; đuôi .json hoặc .csv nếu có
    được bỏ trước (-LogFile x.json ghi x.json và x.csv). Mặc định: cạnh script, tên có tên máy
    và thời điểm chạy. Không ghi được nhật ký thì script dừng (mã thoát 2) trước khi khóa tài
    khoản nào.
    Log path: the script writes <LogFile>.json and <LogFile>.csv; a .json or .csv extension is
    dropped first (-LogFile x.json writes x.json and x.csv). Default: next to the script, named
    with the computer name and the time of the run. If the log cannot be written, the script
    stops (exit code 2) before disabling any account.
.PARAMETER Unit
    Mã đơn vị của máy này, chỉ cần trên máy chưa áp dụng gói cấu hình (chưa ghi đơn vị trong
    HKLM\SOFTWARE\attt-kit). Máy đã ghi đơn vị khác thì script dừng (mã thoát 2), không thay đổi
    gì: máy đã chuyển đơn vị thì áp dụng gói cấu hình của đơn vị mới trước.
    The unit ID of this machine, needed only where the baseline was never applied (no unit
    recorded in HKLM\SOFTWARE\attt-kit). If the machine is recorded as another unit, the script
    stops (exit code 2) and changes nothing: apply the new unit's baseline first when a
    machine has moved.
.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Disable-LeaverAccounts.ps1 -WhatIf
.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Disable-LeaverAccounts.ps1 -Unit hy-thpt-my-hao -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string]$LogFile,
    [string]$Unit
)

# ---------------------------------------------------------------- data (generated)
# @attt-kit:data@

# ---------------------------------------------------------------- runtime (fixed)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$Script:Invariant = [Globalization.CultureInfo]::InvariantCulture
$Script:Log = New-Object System.Collections.Generic.List[object]
# The script's own cmdlet object: its ShouldProcess honours -WhatIf and -Confirm.
$Script:Cmdlet = $PSCmdlet

function Add-LogEntry {
    param($Leaver, [string]$Action, [string]$Message)
    $Script:Log.Add([ordered]@{
            person = $Leaver.Person; name = $Leaver.Name; unit = $Leaver.Unit; status = $Leaver.Status
            system = $Leaver.System; username = $Leaver.Username; action = $Action; message = $Message
        })
    $color = 'Gray'
    if ($Action -eq 'disabled') { $color = 'Green' } elseif ($Action -eq 'error') { $color = 'Red' } elseif ($Action -like 'skipped*' -or $Action -eq 'manual') { $color = 'Yellow' }
    Write-Host ('  {0,-17} {1,-14} {2}  {3}' -f $Action, $Leaver.System, $Leaver.Username, $Message) -ForegroundColor $color
}

function Test-IsAdministrator {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    return (New-Object Security.Principal.WindowsPrincipal($identity)).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

# RFC 4515: a value inside an LDAP filter, so a name cannot widen the search.
function ConvertTo-LdapFilterValue {
    param([string]$Value)
    $sb = New-Object System.Text.StringBuilder
    foreach ($ch in $Value.ToCharArray()) {
        switch ([int]$ch) {
            0x5C { [void]$sb.Append('\5c') }
            0x2A { [void]$sb.Append('\2a') }
            0x28 { [void]$sb.Append('\28') }
            0x29 { [void]$sb.Append('\29') }
            0x00 { [void]$sb.Append('\00') }
            default { [void]$sb.Append($ch) }
        }
    }
    return $sb.ToString()
}

# A unit ID, as the inventory schema checks it (\z: no trailing newline either).
$Script:UnitIdPattern = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\z'
$Script:UnitKey = 'SOFTWARE\attt-kit'

# The unit Apply-Baseline.ps1 recorded on this machine (runtime-common.ps1's Set-RoleMarker:
# HKLM\SOFTWARE\attt-kit, value Unit, in the 64-bit view); $null when there is none, the
# baseline never applied or undone (Undo-Baseline.ps1 puts the earlier record back).
function Get-RecordedUnit {
    $hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey(
        [Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
    try {
        $key = $hklm.OpenSubKey($Script:UnitKey)
        if ($null -eq $key) { return $null }
        try { $value = $key.GetValue('Unit') } finally { $key.Close() }
    } finally { $hklm.Close() }
    if ($value -is [string] -and $value -cmatch $Script:UnitIdPattern) { return $value }
    return $null
}

# Disabling some accounts locks IT staff out of the machine: the built-in Administrator
# (RID 500, the way back in on a machine without a domain), the account running this
# script, and the last enabled member of Administrators (by SID, names are localized).
# Such a leaver's account is left for a person to hand over (change its password) instead.
function Get-LockoutRisk {
    param($User, [string[]]$EnabledSids)
    $sid = [string]$User.SID.Value
    if ($sid.StartsWith('S-1-5-21-') -and $sid.EndsWith('-500')) {
        return 'tài khoản Administrator có sẵn (RID 500): không tắt, hãy đổi mật khẩu / the built-in Administrator (RID 500): not disabled, change its password instead'
    }
    if ($sid -eq [string][Security.Principal.WindowsIdentity]::GetCurrent().User.Value) {
        return 'tài khoản đang chạy script này: không tắt / the account running this script: not disabled'
    }
    # Get-LocalGroupMember fails on a group holding an orphaned SID: then nobody can tell it is safe.
    try { $admins = @(Get-LocalGroupMember -SID 'S-1-5-32-544' -ErrorAction Stop | Where-Object { [string]$_.PrincipalSource -eq 'Local' }) } catch {
        return ('không đọc được nhóm Administrators ({0}): không tắt / cannot list Administrators ({0}): not disabled' -f $_.Exception.Message)
    }
    $isAdmin = @($admins | Where-Object { [string]$_.SID.Value -eq $sid }).Count -gt 0
    if (-not $isAdmin) { return $null }
    $others = @($admins | Where-Object { [string]$_.SID.Value -ne $sid -and $EnabledSids -contains [string]$_.SID.Value })
    if ($others.Count -eq 0) {
        return 'quản trị viên cục bộ cuối cùng còn bật: không tắt / the last enabled local administrator: not disabled'
    }
    return $null
}

function Disable-LocalLeaver {
    param($Leaver)
    # A local account is disabled only on a machine of the leaver's own unit (see $Script:MachineUnit).
    if ($null -eq $Script:MachineUnit) {
        Add-LogEntry -Leaver $Leaver -Action 'skipped-no-unit' -Message ('{0} has no recorded unit: if it belongs to unit {1}, run again with -Unit {1}' -f $env:COMPUTERNAME, $Leaver.Unit)
        return
    }
    if ([string]$Leaver.Unit -cne $Script:MachineUnit) {
        Add-LogEntry -Leaver $Leaver -Action 'skipped-other-unit' -Message ('a leaver of unit {0}; {1} is unit {2}: disable it on a machine of unit {0}' -f $Leaver.Unit, $env:COMPUTERNAME, $Script:MachineUnit)
        return
    }
    if ($null -eq (Get-Command -Name 'Get-LocalUser' -ErrorAction SilentlyContinue)) {
        Add-LogEntry -Leaver $Leaver -Action 'skipped-no-module' -Message 'Microsoft.PowerShell.LocalAccounts is not available (use 64-bit Windows PowerShell 5.1)'
        return
    }
    # Exact name match (Get-LocalUser -Name would treat wildcards as patterns).
    $user = Get-LocalUser | Where-Object { $_.Name -eq $Leaver.Username } | Select-Object -First 1
    if ($null -eq $user) { Add-LogEntry -Leaver $Leaver -Action 'not-found' -Message ('no local account on {0}' -f $env:COMPUTERNAME); return }
    if (-not $user.Enabled) { Add-LogEntry -Leaver $Leaver -Action 'already-disabled' -Message $user.SID.Value; return }
    if (-not $Script:IsAdmin) { Add-LogEntry -Leaver $Leaver -Action 'error' -Message 'run as Administrator to disable local accounts'; return }
    $enabledSids = @(Get-LocalUser | Where-Object { $_.Enabled } | ForEach-Object { [string]$_.SID.Value })
    $why = Get-LockoutRisk -User $user -EnabledSids $enabledSids
    if ($null -ne $why) { Add-LogEntry -Leaver $Leaver -Action 'skipped-last-admin' -Message $why; return }
    if ($Script:Cmdlet.ShouldProcess(('{0}\{1}' -f $env:COMPUTERNAME, $user.Name), 'Disable-LocalUser')) {
        Disable-LocalUser -InputObject $user
        Add-LogEntry -Leaver $Leaver -Action 'disabled' -Message $user.SID.Value
    } else {
        Add-LogEntry -Leaver $Leaver -Action 'would-disable' -Message $user.SID.Value
    }
}

function Disable-DomainLeaver {
    param($Leaver)
    if (-not $Script:HasAd) {
        Add-LogEntry -Leaver $Leaver -Action 'skipped-no-ad' -Message 'ActiveDirectory module not present (install RSAT); disable this account on a domain controller'
        return
    }
    $name = [string]$Leaver.Username
    $attribute = 'sAMAccountName'
    if ($name.Contains('\')) { $name = $name.Substring($name.LastIndexOf('\') + 1) }
    elseif ($name.Contains('@')) { $attribute = 'userPrincipalName' }
    $filter = '(&(objectCategory=person)(objectClass=user)({0}={1}))' -f $attribute, (ConvertTo-LdapFilterValue -Value $name)
    $found = @(Get-ADUser -LDAPFilter $filter -Properties Enabled)
    if ($found.Count -eq 0) { Add-LogEntry -Leaver $Leaver -Action 'not-found' -Message 'no such domain account'; return }
    if ($found.Count -gt 1) { Add-LogEntry -Leaver $Leaver -Action 'error' -Message ('{0} domain accounts match; disable by hand' -f $found.Count); return }
    $user = $found[0]
    if (-not $user.Enabled) { Add-LogEntry -Leaver $Leaver -Action 'already-disabled' -Message $user.DistinguishedName; return }
    if ($Script:Cmdlet.ShouldProcess($user.DistinguishedName, 'Disable-ADAccount')) {
        Disable-ADAccount -Identity $user
        Add-LogEntry -Leaver $Leaver -Action 'disabled' -Message $user.DistinguishedName
    } else {
        Add-LogEntry -Leaver $Leaver -Action 'would-disable' -Message $user.DistinguishedName
    }
}

# A spreadsheet would run a cell starting with = + - @ as a formula: such cells get a leading '.
function Protect-CsvCell {
    param($Value)
    $text = [string]$Value
    if ($text -match '^[=+\-@\t\r]') { return ("'" + $text) }
    return $text
}

Write-Host ('attt-kit: Disable-LeaverAccounts ({0}: {1})' -f $Roster.Scope, $Roster.ScopeName) -ForegroundColor Cyan
Write-Host ('  {0}, roster as of {1}' -f $Roster.Generator, $Roster.AsOf)

# Which unit this machine belongs to. A local account name is unique on one machine only:
# 'thangnv' at one school and 'thangnv' at another are two people. So a windows-local row
# is acted on only on a machine of the leaver's unit: the unit Apply-Baseline.ps1 recorded,
# or the one -Unit names where nothing is recorded. No unit: no local account is disabled.
# The province-wide script thus does, on each machine, what that unit's script does, and a
# unit's script run on another unit's machine disables none of its local accounts. There is
# deliberately no switch to disable every unit's local accounts on one machine. Domain
# accounts live in one directory for the whole province and are not filtered.
# Decided before the log is opened: a refusal (exit 2) changes nothing and writes no log.
$Script:MachineUnit = $null
$Script:MachineUnitSource = $null
if ($Unit -and $Unit -cnotmatch $Script:UnitIdPattern) {
    Write-Host ('-Unit {0}: không phải mã đơn vị; không thay đổi gì. / -Unit {0} is not a unit ID; nothing was changed.' -f $Unit) -ForegroundColor Red
    exit 2
}
try {
    $recordedUnit = Get-RecordedUnit
} catch {
    Write-Host ('Không đọc được HKLM\{0}; không thay đổi gì. / Cannot read HKLM\{0}; nothing was changed. ({1})' -f $Script:UnitKey, $_.Exception.Message) -ForegroundColor Red
    exit 2
}
if ($null -ne $recordedUnit) {
    if ($Unit -and $Unit -cne $recordedUnit) {
        Write-Host ('Máy này được ghi là thuộc đơn vị {0} (HKLM\{1}), không phải {2} (-Unit); không thay đổi gì. Máy đã chuyển đơn vị thì áp dụng gói cấu hình của đơn vị mới trước. / This machine is recorded as unit {0} (HKLM\{1}), not {2} (-Unit); nothing was changed. If the machine has moved, apply the new unit''s baseline first.' -f $recordedUnit, $Script:UnitKey, $Unit) -ForegroundColor Red
        exit 2
    }
    $Script:MachineUnit = $recordedUnit
    $Script:MachineUnitSource = 'HKLM\{0}\Unit' -f $Script:UnitKey
} elseif ($Unit) {
    $Script:MachineUnit = $Unit
    $Script:MachineUnitSource = '-Unit'
}
if ($null -ne $Script:MachineUnit) {
    Write-Host ('  Đơn vị của máy / machine''s unit: {0} ({1})' -f $Script:MachineUnit, $Script:MachineUnitSource)
} else {
    Write-Host ('  CHƯA RÕ ĐƠN VỊ: máy chưa áp dụng gói cấu hình (không có đơn vị ghi trong HKLM\{0}), không khóa tài khoản windows-local nào; nếu máy thuộc một đơn vị, chạy lại với -Unit <mã đơn vị>. / NO UNIT: the baseline was never applied here (no unit recorded in HKLM\{0}), so no windows-local account is disabled; if this machine belongs to a unit, run again with -Unit <unit id>.' -f $Script:UnitKey) -ForegroundColor Yellow
}

# The log's two files, <LogFile>.json and <LogFile>.csv: -LogFile x.json names x.json, not x.json.json.
if (-not $LogFile) {
    $here = $PSScriptRoot
    if (-not $here) { $here = (Get-Location).Path }
    $stamp = (Get-Date).ToString('yyyyMMdd-HHmmss', $Script:Invariant)
    $LogFile = Join-Path $here ('Disable-LeaverAccounts-{0}-{1}' -f $env:COMPUTERNAME, $stamp)
}
if ($LogFile -match '\.(json|csv)$') { $LogFile = $LogFile.Substring(0, $LogFile.Length - $Matches[0].Length) }
# Both files must be writable before any account changes (as disable-leaver-accounts.sh checks its log).
$path = $LogFile
try {
    # [IO.File] resolves a relative path against the process, not PowerShell's current location.
    $LogFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($LogFile)
    $Script:JsonLog = '{0}.json' -f $LogFile
    $Script:CsvLog = '{0}.csv' -f $LogFile
    $Script:CsvExisted = Test-Path -LiteralPath $Script:CsvLog
    foreach ($path in @($Script:JsonLog, $Script:CsvLog)) {
        $stream = [IO.File]::Open($path, [IO.FileMode]::OpenOrCreate, [IO.FileAccess]::Write)
        $stream.Dispose()
    }
} catch {
    Write-Host ('Không ghi được nhật ký {0}; không thay đổi gì. / Cannot write the log {0}; nothing was changed. ({1})' -f $path, $_.Exception.Message) -ForegroundColor Red
    exit 2
}

$Script:IsAdmin = Test-IsAdministrator
$Script:HasAd = $false
if (@($Leavers | Where-Object { $_.System -eq 'domain' }).Count -gt 0) {
    if ($null -ne (Get-Module -ListAvailable -Name 'ActiveDirectory')) {
        Import-Module -Name 'ActiveDirectory'
        $Script:HasAd = $true
    }
}

foreach ($leaver in $Leavers) {
    try {
        switch ($leaver.System) {
            'windows-local' { Disable-LocalLeaver -Leaver $leaver }
            'domain' { Disable-DomainLeaver -Leaver $leaver }
            default { Add-LogEntry -Leaver $leaver -Action 'manual' -Message 'not a Windows account: disable it in that system' }
        }
    } catch {
        Add-LogEntry -Leaver $leaver -Action 'error' -Message ([string]$_)
    }
}

$notHere = @($Script:Log | Where-Object { $_.action -eq 'skipped-no-unit' -or $_.action -eq 'skipped-other-unit' }).Count
if ($notHere -gt 0) {
    Write-Host ('{0} tài khoản windows-local không khóa trên máy này (của đơn vị khác, hoặc máy chưa rõ đơn vị). / {0} windows-local accounts not disabled on this machine (of another unit, or the unit of this machine is unknown).' -f $notHere) -ForegroundColor Yellow
}

$record = [ordered]@{
    machine = $env:COMPUTERNAME
    machineUnit = $Script:MachineUnit
    machineUnitSource = $Script:MachineUnitSource
    scope = $Roster.Scope
    ranAt = (Get-Date).ToString("yyyy-MM-dd'T'HH:mm:sszzz", $Script:Invariant)
    whatIf = [bool]$WhatIfPreference
    entries = @($Script:Log.ToArray())
}
[IO.File]::WriteAllText($Script:JsonLog, ($record | ConvertTo-Json -Depth 5), (New-Object System.Text.UTF8Encoding($false)))
$rows = @($Script:Log.ToArray() | ForEach-Object {
        $row = [ordered]@{}
        foreach ($k in $_.Keys) { $row[$k] = Protect-CsvCell -Value $_[$k] }
        [pscustomobject]$row
    })
if ($rows.Count -gt 0) {
    $rows | Export-Csv -LiteralPath $Script:CsvLog -NoTypeInformation -Encoding UTF8 -WhatIf:$false
    Write-Host ('Nhật ký / Log: {0}, {1}' -f $Script:JsonLog, $Script:CsvLog) -ForegroundColor Cyan
} else {
    # Nothing to list: the empty file the check above made goes.
    if (-not $Script:CsvExisted) { Remove-Item -LiteralPath $Script:CsvLog -Force -WhatIf:$false -Confirm:$false }
    Write-Host ('Nhật ký / Log: {0}' -f $Script:JsonLog) -ForegroundColor Cyan
}
if (@($Script:Log | Where-Object { $_.action -eq 'error' }).Count -gt 0) { exit 1 }
exit 0
