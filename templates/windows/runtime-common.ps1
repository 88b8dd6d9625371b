# ============================================================================
# attt-kit runtime (fixed code, shared by Apply, Test and Undo).
# It reads $Bundle, $Controls and $Settings above and never builds code from them.
# Each setting kind's own code follows it (baselines/kinds/<kind>/runtime.ps1): this part
# holds only what every kind shares (platform, state folder, backup, output, the
# evaluation loop) and the register through which Apply, Test and Undo reach the kinds.
# Windows PowerShell 5.1 and PowerShell 7; matches SIDs, RIDs and GUIDs, never
# localized names.
# ============================================================================
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
# ServiceController is loaded in every host we know; the line only makes sure (PowerShell 7 names the assembly differently).
try { Add-Type -AssemblyName System.ServiceProcess } catch { Write-Verbose 'System.ServiceProcess already loaded' }

$Script:Invariant = [Globalization.CultureInfo]::InvariantCulture
# The 64-bit view of HKLM, even from a 32-bit host, so policy keys land where Windows reads them.
$Script:Hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey(
    [Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
# Tools by full path (each kind names its own): a writable folder early in PATH must not supply them.
$Script:System32 = Join-Path $env:SystemRoot 'System32'
$Script:StateRoot = Join-Path $env:ProgramData 'attt-kit'
$Script:MarkerKey = 'SOFTWARE\attt-kit'
$Script:GuidPattern = '^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$'
$Script:Utf8NoBom = New-Object System.Text.UTF8Encoding($false)
# The machine's Windows (Get-MachineOs), set by each script before it evaluates anything.
$Script:MachineOs = $null

function Write-Say {
    param([string]$Vi, [string]$En, [ConsoleColor]$Color = [ConsoleColor]::Gray)
    Write-Host ('{0}' -f $Vi) -ForegroundColor $Color
    Write-Host ('  {0}' -f $En) -ForegroundColor DarkGray
}

function Stop-WithMessage {
    param([string]$Vi, [string]$En)
    Write-Say -Vi $Vi -En $En -Color Red
    exit 2
}

# ---------------------------------------------------------------- platform

# Not `#Requires -RunAsAdministrator`: PowerShell's own refusal is English only and exits 1,
# which the bundle's README reserves for "some control fails"; every refusal here is exit 2.
function Assert-Administrator {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object Security.Principal.WindowsPrincipal($identity)
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        Stop-WithMessage -Vi 'Cần quyền quản trị: mở Windows PowerShell bằng "Run as administrator" rồi chạy lại. Chưa thay đổi gì.' `
            -En 'Administrator rights are needed: open Windows PowerShell with "Run as administrator" and run it again. Nothing was changed.'
    }
}

# ---------------------------------------------------------------- trusted files and folders

# Who may change what an administrator runs or trusts: SYSTEM, Administrators and
# TrustedInstaller by SID (names are localized), plus the account running the script.
$Script:SystemSid = 'S-1-5-18'
$Script:AdminsSid = 'S-1-5-32-544'
$Script:TrustedInstallerSid = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464'
# WriteData/AddFile 0x2, AppendData/AddSubdirectory 0x4, WriteExtendedAttributes 0x10,
# DeleteSubdirectoriesAndFiles 0x40, WriteAttributes 0x100, Delete 0x10000,
# ChangePermissions 0x40000, TakeOwnership 0x80000, GenericAll 0x10000000, GenericWrite 0x40000000.
$Script:WriteMask = [int64]0x500D0156
# ReadData 0x1, GenericAll 0x10000000, GenericRead 0x80000000.
$Script:ReadMask = [int64]0x90000001

function Get-TrustedSids {
    param([switch]$WithCurrentUser)
    $sids = @($Script:SystemSid, $Script:AdminsSid, $Script:TrustedInstallerSid)
    if ($WithCurrentUser) { $sids += [string][Security.Principal.WindowsIdentity]::GetCurrent().User.Value }
    return $sids
}

# What lets someone outside $Allowed change (or, with -Rights $Script:ReadMask, read) a
# file or folder: its owner, and every Allow rule with those rights that applies to the
# object itself (inherit-only rules apply to its children, checked on their own).
# Rules are read as SIDs, never as names.
function Get-UntrustedAccess {
    param([string]$Path, [string[]]$Allowed, [int64]$Rights = $Script:WriteMask, [switch]$SkipOwner)
    $acl = Get-Acl -LiteralPath $Path
    $found = New-Object System.Collections.Generic.List[string]
    if (-not $SkipOwner) {
        $owner = [string]$acl.GetOwner([Security.Principal.SecurityIdentifier]).Value
        if ($Allowed -notcontains $owner) { $found.Add(('owner {0}' -f $owner)) }
    }
    foreach ($rule in @($acl.GetAccessRules($true, $true, [Security.Principal.SecurityIdentifier]))) {
        if ($rule.AccessControlType -ne [Security.AccessControl.AccessControlType]::Allow) { continue }
        if (($rule.PropagationFlags -band [Security.AccessControl.PropagationFlags]::InheritOnly) -ne 0) { continue }
        if (([int64]$rule.FileSystemRights -band $Rights) -eq 0) { continue }
        $sid = [string]$rule.IdentityReference.Value
        if ($Allowed -notcontains $sid) { $found.Add(('{0} {1}' -f $sid, $rule.FileSystemRights)) }
    }
    return , $found.ToArray()
}

# A script any user can change runs that user's code as administrator: the script and
# its folder must be writable by SYSTEM, Administrators, TrustedInstaller and the account
# running it only (the bundle's README gives the icacls line that locks C:\attt so).
function Assert-TrustedLocation {
    $allowed = Get-TrustedSids -WithCurrentUser
    $problems = New-Object System.Collections.Generic.List[string]
    foreach ($path in @($PSCommandPath, $PSScriptRoot)) {
        if (-not $path) { continue }
        # A folder whose permissions cannot be read (some network shares) cannot be shown safe either.
        # Assigned, never @(...): the function's one output is its array, which @() would wrap whole.
        try { $found = Get-UntrustedAccess -Path $path -Allowed $allowed } catch { $found = @(('permissions unreadable: {0}' -f $_.Exception.Message)) }
        foreach ($p in $found) { $problems.Add(('{0}: {1}' -f $path, $p)) }
    }
    if ($problems.Count -gt 0) {
        Stop-WithMessage -Vi ('Thư mục chứa script không an toàn: người dùng khác có thể sửa script rồi để quản trị viên chạy nó ({0}). Khóa thư mục như README hướng dẫn (icacls C:\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-545:(OI)(CI)RX"), chép lại gói rồi chạy lại. Chưa thay đổi gì.' -f ($problems -join '; ')) `
            -En ('The scripts'' folder is not safe: other users can change a script and have an administrator run it ({0}). Lock the folder as the README says (icacls C:\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-545:(OI)(CI)RX"), copy the bundle again and run again. Nothing was changed.' -f ($problems -join '; '))
    }
}

# EditionID (the same on every language): Core* is Home, which ignores Group Policy;
# Professional*, Education*, Enterprise* take it; EnterpriseS is LTSC.
function Get-MachineOs {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    $build = [int]$os.BuildNumber
    $family = 'windows-older'
    if ($build -ge 22000) { $family = 'windows-11' } elseif ($build -ge 10240) { $family = 'windows-10' }
    $edition = ''
    $key = $Script:Hklm.OpenSubKey('SOFTWARE\Microsoft\Windows NT\CurrentVersion')
    if ($null -ne $key) { try { $edition = [string]$key.GetValue('EditionID') } finally { $key.Close() } }
    [pscustomobject]@{
        Family = $family; Build = $build; ProductType = [int]$os.ProductType
        Edition = $edition; IsHome = $edition.StartsWith('Core', [StringComparison]::OrdinalIgnoreCase)
    }
}

# Home ignores policy keys (Administrative Templates): a value under SOFTWARE\Policies is
# there but not in force, so Test never lets it pass on Home.
function Test-PolicyIgnoredHere {
    param([string]$Path)
    return ($null -ne $Script:MachineOs -and $Script:MachineOs.IsHome -and $Path.StartsWith('SOFTWARE\Policies\', [StringComparison]::OrdinalIgnoreCase))
}

# Reboot-restore software (Deep Freeze and the like) puts back the disk as it was at every
# restart: whatever Apply changes while the machine is frozen is gone after the next
# restart. Product names and services are the vendors' own, the same on every language.
# Frozen is $true, $false, or $null when the product gives no way to ask.
function Get-RebootRestore {
    $found = New-Object System.Collections.Generic.List[object]
    $services = @([System.ServiceProcess.ServiceController]::GetServices())
    if (@($services | Where-Object { $_.ServiceName -eq 'DFServ' }).Count -gt 0) {
        # Deep Freeze's command line: "DFC get /ISFROZEN" exits 1 when frozen, 0 when thawed.
        $frozen = $null
        foreach ($dir in @((Join-Path $env:SystemRoot 'SysWOW64'), $Script:System32)) {
            $dfc = Join-Path $dir 'DFC.exe'
            if (Test-Path -LiteralPath $dfc) {
                $r = Invoke-Native -FilePath $dfc -Arguments @('get', '/ISFROZEN')
                if ($r.ExitCode -eq 1) { $frozen = $true } elseif ($r.ExitCode -eq 0) { $frozen = $false }
                break
            }
        }
        $found.Add([pscustomobject]@{ Product = 'Faronics Deep Freeze'; Frozen = $frozen })
    }
    # Windows' own Unified Write Filter (Enterprise and Education, IoT).
    try {
        $uwf = Get-CimInstance -Namespace 'root\standardcimv2\embedded' -ClassName 'UWF_Filter' -ErrorAction Stop | Select-Object -First 1
        if ($null -ne $uwf -and [bool]$uwf.CurrentEnabled) { $found.Add([pscustomobject]@{ Product = 'Unified Write Filter (UWF)'; Frozen = $true }) }
    } catch { Write-Verbose 'Unified Write Filter not installed' }
    foreach ($pattern in @('*Reboot Restore*', '*Shadow Defender*', '*Time Freeze*', '*Comodo Time Machine*', '*Returnil*', '*Drive Vaccine*', '*Shadow User*')) {
        foreach ($svc in @($services | Where-Object { $_.DisplayName -like $pattern -and $_.Status -eq [System.ServiceProcess.ServiceControllerStatus]::Running })) {
            $found.Add([pscustomobject]@{ Product = [string]$svc.DisplayName; Frozen = $null })
        }
    }
    return , $found.ToArray()
}

# Refuses to apply or undo on a frozen machine: reboot-restore software would put it all
# back at the next restart, leaving a backup that no longer matches the machine. Thaw first (Deep
# Freeze: boot thawed; UWF: uwfmgr filter disable, restart), apply, restart, then freeze.
function Assert-NotFrozen {
    param([switch]$Force)
    $products = Get-RebootRestore
    foreach ($p in $products) {
        if ($p.Frozen -eq $false) { continue }
        if ($p.Frozen -eq $true) {
            Stop-WithMessage -Vi ('Máy đang được đóng băng bởi {0}: mọi thay đổi sẽ mất khi khởi động lại. Hãy chuyển máy sang chế độ không đóng băng (Thawed), khởi động lại, chạy lại script, khởi động lại rồi đóng băng lại. Chưa thay đổi gì.' -f $p.Product) `
                -En ('This machine is frozen by {0}: every change is lost at the next restart. Thaw it (boot Thawed), restart, run the script again, restart, then freeze it again. Nothing was changed.' -f $p.Product)
        }
        if (-not $Force) {
            Stop-WithMessage -Vi ('Máy có phần mềm khôi phục khi khởi động lại ({0}) và không hỏi được nó đang đóng băng hay không. Hãy tắt đóng băng, rồi chạy lại với -Force. Chưa thay đổi gì.' -f $p.Product) `
                -En ('This machine runs reboot-restore software ({0}) that cannot be asked whether it is frozen. Thaw it, then run again with -Force. Nothing was changed.' -f $p.Product)
        }
        Write-Say -Vi ('Cảnh báo: có {0}; tiếp tục vì có -Force (máy phải đang không đóng băng).' -f $p.Product) `
            -En ('Warning: {0} is present; going on because of -Force (the machine must be thawed).' -f $p.Product) -Color Yellow
    }
}

# Workstations only (ProductType 1; 2 is a domain controller, 3 a server), Windows 10/11
# by build number. -Force lets a Windows 10 bundle run on Windows 11 and back, never on a server.
function Assert-Platform {
    param([switch]$Force)
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
        Stop-WithMessage -Vi 'Hãy chạy bằng Windows PowerShell 64-bit (không phải bản x86).' `
            -En 'Run this from 64-bit Windows PowerShell, not the x86 one.'
    }
    $os = Get-MachineOs
    if ($os.ProductType -ne 1) {
        Stop-WithMessage -Vi ('Máy này là máy chủ (ProductType {0}); gói chỉ dành cho máy trạm Windows 10/11.' -f $os.ProductType) `
            -En ('This machine is a server (ProductType {0}); the bundle is for Windows 10/11 workstations only.' -f $os.ProductType)
    }
    if ($os.Family -eq 'windows-older') {
        Stop-WithMessage -Vi ('Bản dựng Windows {0} quá cũ; cần Windows 10 hoặc 11.' -f $os.Build) `
            -En ('Windows build {0} is too old; Windows 10 or 11 is needed.' -f $os.Build)
    }
    if (@($Bundle.OsAllowed) -notcontains $os.Family) {
        if (-not $Force) {
            Stop-WithMessage -Vi ('Gói dành cho {0}, máy này chạy {1}. Thêm -Force nếu chắc chắn.' -f (@($Bundle.OsAllowed) -join ', '), $os.Family) `
                -En ('The bundle is for {0}; this machine runs {1}. Add -Force if you are sure.' -f (@($Bundle.OsAllowed) -join ', '), $os.Family)
        }
        Write-Say -Vi 'Cảnh báo: khác hệ điều hành, tiếp tục vì có -Force.' -En 'Warning: different OS, going on because of -Force.' -Color Yellow
    }
    return $os
}

# ---------------------------------------------------------------- role marker

function Get-RoleMarker {
    $key = $Script:Hklm.OpenSubKey($Script:MarkerKey)
    if ($null -eq $key) { return $null }
    try {
        return [pscustomobject]@{
            Role = [string]$key.GetValue('Role')
            Unit = [string]$key.GetValue('Unit')
            Bundle = [string]$key.GetValue('Bundle')
            Sha256 = [string]$key.GetValue('BundleSha256')
        }
    } finally { $key.Close() }
}

function Set-RoleMarker {
    param($Marker)
    if ($null -eq $Marker) {
        $Script:Hklm.DeleteSubKeyTree($Script:MarkerKey, $false)
        return
    }
    $key = $Script:Hklm.CreateSubKey($Script:MarkerKey)
    try {
        $key.SetValue('Role', [string]$Marker.Role, [Microsoft.Win32.RegistryValueKind]::String)
        $key.SetValue('Unit', [string]$Marker.Unit, [Microsoft.Win32.RegistryValueKind]::String)
        $key.SetValue('Bundle', [string]$Marker.Bundle, [Microsoft.Win32.RegistryValueKind]::String)
        $key.SetValue('BundleSha256', [string]$Marker.Sha256, [Microsoft.Win32.RegistryValueKind]::String)
    } finally { $key.Close() }
}

# ---------------------------------------------------------------- native tools

# Runs a program and returns its exit code and output. Windows PowerShell 5.1 turns
# a native program's stderr into terminating errors under 'Stop', so the preference
# is relaxed here only.
function Invoke-Native {
    param([string]$FilePath, [string[]]$Arguments)
    $ErrorActionPreference = 'Continue'
    $output = & $FilePath @Arguments 2>&1 | ForEach-Object { [string]$_ }
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = (@($output) -join [Environment]::NewLine) }
}

# ---------------------------------------------------------------- state folder

# %ProgramData% lets every user create files and folders: a student could pre-create
# attt-kit\backup\...\backup.json (Undo would then write their registry values) or swap
# the secedit INF in tmp. So the state folder is owned by Administrators with a protected
# ACL (SYSTEM and Administrators only) on every run; a tree found otherwise is renamed
# aside and nothing in it is trusted.
$Script:StateReady = $false
$Script:StateSetAside = ''

function New-StateAcl {
    param([switch]$Directory)
    if ($Directory) { $acl = New-Object Security.AccessControl.DirectorySecurity } else { $acl = New-Object Security.AccessControl.FileSecurity }
    $acl.SetOwner((New-Object Security.Principal.SecurityIdentifier($Script:AdminsSid)))
    $acl.SetAccessRuleProtection($true, $false)
    $inherit = [Security.AccessControl.InheritanceFlags]::None
    if ($Directory) { $inherit = [Security.AccessControl.InheritanceFlags]'ContainerInherit, ObjectInherit' }
    foreach ($sid in @($Script:SystemSid, $Script:AdminsSid)) {
        $acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule(
                    (New-Object Security.Principal.SecurityIdentifier($sid)), [Security.AccessControl.FileSystemRights]::FullControl,
                    $inherit, [Security.AccessControl.PropagationFlags]::None, [Security.AccessControl.AccessControlType]::Allow)))
    }
    return $acl
}

# Everything in the tree that someone other than SYSTEM, Administrators, TrustedInstaller
# or this account could have written. A link (junction, symbolic link) anywhere is a
# problem in itself: setting the ACL through it would change its target.
function Get-StateTreeProblems {
    param([string]$Root)
    $problems = New-Object System.Collections.Generic.List[string]
    $allowed = Get-TrustedSids -WithCurrentUser
    $pending = New-Object System.Collections.Generic.Stack[string]
    $pending.Push($Root)
    while ($pending.Count -gt 0) {
        $path = $pending.Pop()
        $item = Get-Item -LiteralPath $path -Force
        if (($item.Attributes -band [IO.FileAttributes]::ReparsePoint) -ne 0) { $problems.Add(('{0}: a link' -f $path)); continue }
        $found = Get-UntrustedAccess -Path $path -Allowed $allowed
        foreach ($p in $found) { $problems.Add(('{0}: {1}' -f $path, $p)) }
        if ($item.PSIsContainer) { foreach ($child in @(Get-ChildItem -LiteralPath $path -Force)) { $pending.Push($child.FullName) } }
    }
    return , $problems.ToArray()
}

# Run once before anything reads or writes the state folder (Apply, Test, Undo).
function Initialize-StateRoot {
    $root = $Script:StateRoot
    if (Test-Path -LiteralPath $root) {
        $problems = Get-StateTreeProblems -Root $root
        if ($problems.Count -gt 0) {
            $aside = '{0}.untrusted-{1}-{2}' -f $root, (Get-Date).ToString('yyyyMMddHHmmss', $Script:Invariant), ([guid]::NewGuid().ToString('N').Substring(0, 8))
            try { Move-Item -LiteralPath $root -Destination $aside } catch {
                Stop-WithMessage -Vi ('Thư mục {0} có thể đã bị người dùng khác sửa ({1}) và không đổi tên được: {2}. Chưa thay đổi gì.' -f $root, ($problems -join '; '), $_) `
                    -En ('The folder {0} may have been changed by other users ({1}) and cannot be renamed: {2}. Nothing was changed.' -f $root, ($problems -join '; '), $_)
            }
            $Script:StateSetAside = $aside
            Write-Say -Vi ('Cảnh báo: {0} có thể đã bị người dùng khác sửa ({1}); đã đổi tên thành {2} và không dùng gì trong đó.' -f $root, ($problems -join '; '), $aside) `
                -En ('Warning: {0} may have been changed by other users ({1}); renamed to {2}, nothing in it is used.' -f $root, ($problems -join '; '), $aside) -Color Yellow
        }
    }
    foreach ($dir in @($root, (Join-Path $root 'tmp'), (Join-Path $root 'backup'))) {
        if (-not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir) }
        Set-Acl -LiteralPath $dir -AclObject (New-StateAcl -Directory)
    }
    $Script:StateReady = $true
}

function Assert-StateReady {
    if (-not $Script:StateReady) { throw 'internal: Initialize-StateRoot was not called before using the state folder' }
}

function New-WorkFolder {
    Assert-StateReady
    $dir = Join-Path (Join-Path $Script:StateRoot 'tmp') ([guid]::NewGuid().ToString('N'))
    [void](New-Item -ItemType Directory -Path $dir)
    Set-Acl -LiteralPath $dir -AclObject (New-StateAcl -Directory)
    return $dir
}

function Remove-WorkFolder {
    param([string]$Path)
    Remove-Item -LiteralPath $Path -Recurse -Force -ErrorAction SilentlyContinue
}


# ---------------------------------------------------------------- output

function Format-Data {
    param($Data)
    if ($null -eq $Data) { return '(absent)' }
    if ($Data -is [array]) { return (@($Data) -join ' | ') }
    return [string]$Data
}

# ---------------------------------------------------------------- setting kinds

# Each setting kind's folder holds all of it (baselines/kinds/<kind>/), and its runtime.ps1
# registers its functions here, by name, when the script loads. Apply, Test and Undo reach
# a kind only through them, never by its name:
#   Id       the identity of a row or of a backup entry (param $Row; an entry holds the
#            fields it needs), the same for both
#   Read     optional: what the machine holds for the whole kind, read once per run
#            (param [switch]$Merged: the effective policy, for Test), passed as -State
#   Entry    Get: the backup entries of a row (param $Row, $State); none when nothing is to undo
#   Apply    Set: every row of the kind at once (param [object[]]$Rows); returns its errors
#   Test     one row's outcome (param $Row, $State), a New-Outcome
#   Restore  every backup entry of the kind at once (param [object[]]$Entries); returns its errors
#   Label, Value   an entry's name and value in Apply's list of changes (param $Entry)
#   Owns     optional: whether a row accounts for a backup entry of another identity
#            (param $Row, $Entry): registry-clear owns the values it deleted
#   Remind   optional: what staff must do by hand for the kind's rows (param [object[]]$Rows),
#            printed by Apply after its list of changes and errors, so it does not scroll
#            out of sight; returns its errors
# Order is where Apply sets, and Undo restores, the kind among the others (lowest first),
# declared by the kind, never its folder's name. NeverCreates: Apply never creates an item
# that is not there (a service, a task), so a backup entry saying "absent" is taken again
# once the item exists (Save-Backup).
$Script:SettingKinds = [ordered]@{}

function Register-SettingKind {
    param([string]$Kind, [string]$Id, [string]$Read, [string]$Entry, [string]$Apply, [string]$Test, [string]$Restore,
        [string]$Label, [string]$Value, [string]$Owns, [string]$Remind, [int]$Order, [switch]$NeverCreates)
    # Checked when the script loads: a missing function would otherwise fail halfway through Apply.
    $required = @($Id, $Entry, $Apply, $Test, $Restore, $Label, $Value)
    $optional = @(@($Read, $Owns, $Remind) | Where-Object { -not [string]::IsNullOrEmpty($_) })
    foreach ($fn in @($required + $optional)) {
        if ([string]::IsNullOrEmpty($fn) -or $null -eq (Get-Command -Name $fn -CommandType Function -ErrorAction SilentlyContinue)) {
            Stop-WithMessage -Vi ('Gói bị hỏng: loại thiết lập {0} thiếu hàm "{1}". Tạo lại gói. Chưa thay đổi gì.' -f $Kind, $fn) `
                -En ('The bundle is broken: setting kind {0} lacks the function "{1}". Generate the bundle again. Nothing was changed.' -f $Kind, $fn)
        }
    }
    foreach ($k in @($Script:SettingKinds.Keys)) {
        if ($Script:SettingKinds[$k].Order -eq $Order) {
            Stop-WithMessage -Vi ('Gói bị hỏng: loại thiết lập {0} và {1} cùng thứ tự {2}. Chưa thay đổi gì.' -f $k, $Kind, $Order) `
                -En ('The bundle is broken: setting kinds {0} and {1} have the same order {2}. Nothing was changed.' -f $k, $Kind, $Order)
        }
    }
    $Script:SettingKinds[$Kind] = [pscustomobject]@{
        Kind = $Kind; Id = $Id; Read = $Read; Entry = $Entry; Apply = $Apply; Test = $Test; Restore = $Restore
        Label = $Label; Value = $Value; Owns = $Owns; Remind = $Remind; Order = $Order; NeverCreates = [bool]$NeverCreates
    }
}

# The registered kinds in the order Apply sets them.
function Get-SettingKindsInOrder {
    return @($Script:SettingKinds.Values | Sort-Object -Property Order)
}

# The registered functions of a row's or entry's kind, or $null for a kind no file registered
# (a bundle generated by a newer attt-kit, or a kind's runtime.ps1 missing).
function Get-SettingKind {
    param($Item)
    $kind = [string]$Item.Kind
    if ($Script:SettingKinds.Contains($kind)) { return $Script:SettingKinds[$kind] }
    return $null
}

# A row's or entry's identity, or $null for a kind no file registered.
function Get-SettingId {
    param($Row)
    $handlers = Get-SettingKind -Item $Row
    if ($null -eq $handlers) { return $null }
    return & $handlers.Id -Row $Row
}

# A kind's Read, once per $Cache (one reading of the machine): its result, or its error
# thrown again for every row that needs it (secedit and auditpol are slow, and fail whole).
function Get-KindState {
    param($Handlers, [hashtable]$Cache, [switch]$Merged)
    if ([string]::IsNullOrEmpty($Handlers.Read)) { return $null }
    $kind = [string]$Handlers.Kind
    if (-not $Cache.ContainsKey($kind)) {
        try { $Cache[$kind] = [pscustomobject]@{ Value = (& $Handlers.Read -Merged:$Merged); Error = $null } }
        catch { $Cache[$kind] = [pscustomobject]@{ Value = $null; Error = [string]$_ } }
    }
    if ($null -ne $Cache[$kind].Error) { throw $Cache[$kind].Error }
    return $Cache[$kind].Value
}

# For kinds set or restored one item at a time: $Action on each row or entry (its first
# parameter); one that fails is one error, named by $Label, and the others go on.
function Invoke-Each {
    param([object[]]$Items, [string]$Action, [string]$Label)
    $errors = New-Object System.Collections.Generic.List[string]
    foreach ($item in $Items) {
        try { $null = & $Action $item } catch { $errors.Add(('{0}: {1}' -f (& $Label -Entry $item), $_)) }
    }
    return , $errors.ToArray()
}

# The errors a kind's Apply or Restore returned (none, one or a list), as texts.
function Get-ErrorTexts {
    param($Output)
    return , [string[]]@(@($Output) | Where-Object { $null -ne $_ -and [string]$_ -ne '' } | ForEach-Object { [string]$_ })
}

# The row of this bundle's plan an entry belongs to (by identity), or $null.
function Get-PlanRow {
    param($Entry)
    $id = Get-SettingId -Row $Entry
    if ($null -eq $id) { return $null }
    foreach ($row in $Settings) { if ((Get-SettingId -Row $row) -eq $id) { return $row } }
    return $null
}

# Whether a backup entry records a value Apply left as it was (a kind's Entry sets
# Untouched, e.g. secedit's value already stronger than the row's): Undo does not write it
# back, and a later Apply takes it again (Save-Backup). Entries of older backups lack it.
function Test-EntryUntouched {
    param($Entry)
    return ($Entry.PSObject.Properties.Name -contains 'Untouched' -and [bool]$Entry.Untouched)
}

# ---------------------------------------------------------------- evaluation

function New-Outcome {
    param([string]$Status, [string]$Label, $Observed, $Expected)
    return [pscustomobject]@{ Status = $Status; Label = $Label; Observed = $Observed; Expected = $Expected }
}

# One row's outcome, by its kind's Test; anything thrown is an 'error' outcome.
function Test-SettingRow {
    param($Row, [hashtable]$Cache)
    try {
        $handlers = Get-SettingKind -Item $Row
        if ($null -eq $handlers) { throw ('unknown setting kind {0}' -f $Row.Kind) }
        return & $handlers.Test -Row $Row -State (Get-KindState -Handlers $handlers -Cache $Cache -Merged)
    } catch {
        return New-Outcome -Status 'error' -Label ([string]$Row.Kind) -Observed $null -Expected $null |
            Add-Member -NotePropertyName Error -NotePropertyValue ([string]$_) -PassThru
    }
}

# One control's verdict from the outcomes of the rows that name it. Every setting must
# pass, a failure outweighing an error (the machine is known to be wrong); a control that
# declares its settings alternatives (Alternatives: Defender OR an approved product)
# passes when one of them does.
function Get-ControlVerdict {
    param([string]$ControlId, [object[]]$Outcomes, [switch]$Alternatives)
    $statuses = @($Outcomes | ForEach-Object { $_.Status })
    if ($Alternatives) {
        if (@($Outcomes | Where-Object { $_.Status -eq 'pass' }).Count -gt 0) { $statuses = @('pass') }
        elseif (@($Outcomes | Where-Object { $_.Status -ne 'error' }).Count -eq 0) { $statuses = @('error') }
        else { $statuses = @('fail') }
    }
    $status = 'pass'
    if ($statuses -contains 'fail') { $status = 'fail' } elseif ($statuses -contains 'error') { $status = 'error' }
    # Written but not yet read where it takes effect (a user policy no loaded profile shows): never a pass.
    elseif ($statuses -contains 'configured') { $status = 'configured' }
    elseif ($statuses.Count -gt 0 -and @($statuses | Where-Object { $_ -ne 'not-applicable' }).Count -eq 0) { $status = 'not-applicable' }
    $observed = $null
    $expected = $null
    if ($Outcomes.Count -eq 1) {
        $observed = $Outcomes[0].Observed
        $expected = $Outcomes[0].Expected
    } else {
        $observed = (@($Outcomes | ForEach-Object { '{0}={1}' -f $_.Label, (Format-Data -Data $_.Observed) }) -join '; ')
        $expected = (@($Outcomes | ForEach-Object { '{0}={1}' -f $_.Label, (Format-Data -Data $_.Expected) }) -join '; ')
    }
    $notes = @($Outcomes | Where-Object { $_.Status -ne 'pass' } | ForEach-Object {
            $line = '{0}: {1}, observed {2}, expected {3}' -f $_.Label, $_.Status, (Format-Data -Data $_.Observed), (Format-Data -Data $_.Expected)
            if ($_.PSObject.Properties.Name -contains 'Error') { $line += (' ({0})' -f $_.Error) }
            $line
        })
    $result = [ordered]@{ control = $ControlId; status = $status; observed = (Limit-Json $observed); expected = (Limit-Json $expected) }
    if ($notes.Count -gt 0) { $result.detail = Limit-Text -Text ($notes -join '; ') -Max 2000 }
    return $result
}

# Evidence values are a string, a number, a boolean or null.
function Limit-Json {
    param($Value)
    if ($null -eq $Value -or $Value -is [bool] -or $Value -is [int] -or $Value -is [int64]) { return $Value }
    return (Limit-Text -Text ([string]$Value) -Max 2000)
}

function Limit-Text {
    param([string]$Text, [int]$Max)
    if ($Text.Length -le $Max) { return $Text }
    return $Text.Substring(0, $Max - 3) + '...'
}

# The row as one control alone asks it: the row's columns with that control's own values
# from Wants over them (controls asking different audit values of one subcategory: Apply
# sets their OR, each control is judged by its own). $null when the row has no Wants for it.
function Get-ControlRow {
    param($Row, [string]$ControlId)
    if (-not $Row.Contains('Wants')) { return $null }
    foreach ($want in @($Row.Wants)) {
        if ([string]$want.Control -ne $ControlId) { continue }
        $own = [ordered]@{}
        foreach ($k in @($Row.Keys)) { if ([string]$k -ne 'Wants') { $own[$k] = $Row[$k] } }
        foreach ($k in @($want.Keys)) { if ([string]$k -ne 'Control') { $own[$k] = $want[$k] } }
        return $own
    }
    return $null
}

# Every row tested once (its kind's state read once), and again for each control that asks
# its own value (Wants); each control's verdict from the rows whose Controls name it, in
# $Controls' order. The evidence keeps one result per control.
function Invoke-Evaluation {
    $cache = @{}
    $byControl = @{}
    foreach ($row in $Settings) {
        $outcome = Test-SettingRow -Row $row -Cache $cache
        foreach ($id in @($row.Controls)) {
            $mine = $outcome
            $own = Get-ControlRow -Row $row -ControlId ([string]$id)
            if ($null -ne $own) { $mine = Test-SettingRow -Row $own -Cache $cache }
            if (-not $byControl.ContainsKey([string]$id)) { $byControl[[string]$id] = New-Object System.Collections.Generic.List[object] }
            $byControl[[string]$id].Add($mine)
        }
    }
    $results = New-Object System.Collections.Generic.List[object]
    foreach ($control in $Controls) {
        $id = [string]$control.Id
        if (-not $byControl.ContainsKey($id)) { continue }
        $alternatives = $control.Contains('Alternatives') -and [bool]$control['Alternatives']
        $results.Add((Get-ControlVerdict -ControlId $id -Outcomes $byControl[$id].ToArray() -Alternatives:$alternatives))
    }
    return , $results.ToArray()
}

# ---------------------------------------------------------------- plan and backup

# The rows this runtime can act on: each merged setting once (the bundle's generator merged
# them), of a kind some file registered.
function Get-PlanRows {
    return @($Settings | Where-Object { $null -ne (Get-SettingKind -Item $_) })
}

# Rows of a kind no file registered: Apply lists them as errors.
function Get-UnknownKindRows {
    return @($Settings | Where-Object { $null -eq (Get-SettingKind -Item $_) })
}

function Get-BackupFolder {
    return Join-Path (Join-Path $Script:StateRoot 'backup') $Bundle.BackupFolder
}

function Get-BackupPath {
    return Join-Path (Get-BackupFolder) 'backup.json'
}

function Read-Backup {
    Assert-StateReady
    $path = Get-BackupPath
    if (-not (Test-Path -LiteralPath $path)) { return $null }
    # Checked again here, whoever called: a backup others could write is never trusted.
    $allowed = Get-TrustedSids -WithCurrentUser
    $problems = New-Object System.Collections.Generic.List[string]
    foreach ($p in @($path, (Get-BackupFolder))) {
        $found = Get-UntrustedAccess -Path $p -Allowed $allowed
        foreach ($x in $found) { $problems.Add(('{0}: {1}' -f $p, $x)) }
    }
    if ($problems.Count -gt 0) {
        Stop-WithMessage -Vi ('Bản sao lưu {0} có thể đã bị người dùng khác sửa ({1}); không dùng nó. Chưa thay đổi gì.' -f $path, ($problems -join '; ')) `
            -En ('The backup {0} may have been changed by other users ({1}); it is not used. Nothing was changed.' -f $path, ($problems -join '; '))
    }
    return ([IO.File]::ReadAllText($path, $Script:Utf8NoBom) | ConvertFrom-Json)
}

# Written beside, then moved over: a crash never leaves half a backup.
function Write-Backup {
    param($Backup)
    Assert-StateReady
    $folder = Get-BackupFolder
    [void](New-Item -ItemType Directory -Path $folder -Force)
    # Every level below backup\ owned by Administrators too (New-Item made them the caller's).
    $top = Join-Path $Script:StateRoot 'backup'
    for ($dir = $folder; $dir.Length -gt $top.Length; $dir = Split-Path -Parent $dir) { Set-Acl -LiteralPath $dir -AclObject (New-StateAcl -Directory) }
    $path = Get-BackupPath
    $tmp = '{0}.tmp' -f $path
    [IO.File]::WriteAllText($tmp, ($Backup | ConvertTo-Json -Depth 8), $Script:Utf8NoBom)
    Move-Item -LiteralPath $tmp -Destination $path -Force
    # Owned by Administrators (not the account that ran Apply), so another administrator's Undo trusts it.
    Set-Acl -LiteralPath $path -AclObject (New-StateAcl)
}

function Format-Timestamp {
    return (Get-Date).ToString("yyyy-MM-dd'T'HH:mm:sszzz", $Script:Invariant)
}

function Write-Json {
    param($Value, [string]$Path)
    # .NET resolves a relative path against the process's directory (often C:\Windows\System32
    # in an elevated console), not PowerShell's current location: resolve it here first.
    $Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $dir = Split-Path -Parent $Path
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
    [IO.File]::WriteAllText($Path, ($Value | ConvertTo-Json -Depth 8), $Script:Utf8NoBom)
}

function Show-BundleHeader {
    param([string]$Action)
    Write-Host ('attt-kit {0}: {1}' -f $Action, $Bundle.Id) -ForegroundColor Cyan
    Write-Host ('  {0} ({1}), role {2}, level {3}' -f $Bundle.UnitName, $Bundle.Unit, $Bundle.Role, $Bundle.Level)
    Write-Host ('  bundle sha256 {0}; {1}' -f $Bundle.Sha256, $Bundle.Generator)
}
