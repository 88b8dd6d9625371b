# ============================================================================
# attt-kit runtime (fixed code, shared by Apply, Test and Undo).
# It reads $Bundle, $Controls and $Settings above and never builds code from them.
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
# Tools by full path: a writable folder early in PATH must not supply its own secedit.
$Script:System32 = Join-Path $env:SystemRoot 'System32'
$Script:SeceditExe = Join-Path $Script:System32 'secedit.exe'
$Script:AuditpolExe = Join-Path $Script:System32 'auditpol.exe'
$Script:ScExe = Join-Path $Script:System32 'sc.exe'
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
        try { $found = @(Get-UntrustedAccess -Path $path -Allowed $allowed) } catch { $found = @(('permissions unreadable: {0}' -f $_.Exception.Message)) }
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
    foreach ($p in @(Get-RebootRestore)) {
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
        foreach ($p in @(Get-UntrustedAccess -Path $path -Allowed $allowed)) { $problems.Add(('{0}: {1}' -f $path, $p)) }
        if ($item.PSIsContainer) { foreach ($child in @(Get-ChildItem -LiteralPath $path -Force)) { $pending.Push($child.FullName) } }
    }
    return , $problems.ToArray()
}

# Run once before anything reads or writes the state folder (Apply, Test, Undo).
function Initialize-StateRoot {
    $root = $Script:StateRoot
    if (Test-Path -LiteralPath $root) {
        $problems = @(Get-StateTreeProblems -Root $root)
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

# ---------------------------------------------------------------- secedit

# One section of the security policy as secedit exports it: key -> the text after '='.
# -Merged reads the effective policy, domain GPOs included. $Area is a secedit area
# (SECURITYPOLICY, USER_RIGHTS).
function Export-SeceditSection {
    param([string]$Area, [string]$Section, [switch]$Merged)
    $dir = New-WorkFolder
    try {
        $cfg = Join-Path $dir 'export.inf'
        $arguments = @('/export')
        if ($Merged) { $arguments += '/mergedpolicy' }
        $arguments += @('/cfg', $cfg, '/areas', $Area, '/quiet')
        $r = Invoke-Native -FilePath $Script:SeceditExe -Arguments $arguments
        if (-not (Test-Path -LiteralPath $cfg)) { throw ('secedit /export failed ({0}): {1}' -f $r.ExitCode, $r.Output) }
        $values = @{}
        $current = ''
        foreach ($line in [IO.File]::ReadAllLines($cfg, [Text.Encoding]::Unicode)) {
            $t = $line.Trim()
            if ($t.StartsWith('[') -and $t.EndsWith(']')) { $current = $t.Substring(1, $t.Length - 2); continue }
            if ($current -ne $Section) { continue }
            $eq = $t.IndexOf('=')
            if ($eq -lt 1) { continue }
            $values[$t.Substring(0, $eq).Trim()] = $t.Substring($eq + 1).Trim()
        }
        return $values
    } finally { Remove-WorkFolder -Path $dir }
}

# [System Access] of the security policy (numbers as text, quotes taken off names).
function Read-SeceditValues {
    param([switch]$Merged)
    $values = Export-SeceditSection -Area 'SECURITYPOLICY' -Section 'System Access' -Merged:$Merged
    foreach ($k in @($values.Keys)) {
        $v = [string]$values[$k]
        if ($v.Length -ge 2 -and $v.StartsWith('"') -and $v.EndsWith('"')) { $values[$k] = $v.Substring(1, $v.Length - 2) }
    }
    return $values
}

function Format-InfLine {
    param([string]$Key, $Value)
    if ($Key -notmatch '^[A-Za-z]+$') { throw ('not a security-template key: {0}' -f $Key) }
    if ($Value -is [string]) {
        if ($Value -match '["\x00-\x1f]') { throw ('a security-template string cannot hold quotes or control characters ({0})' -f $Key) }
        return ('{0} = "{1}"' -f $Key, $Value)
    }
    return ('{0} = {1}' -f $Key, ([int64]$Value).ToString($Script:Invariant))
}

# Applies one section of a security template with secedit /configure on a fresh
# database; $Lines are already formatted (Format-InfLine, Format-PrivilegeRightsLine).
function Invoke-SeceditTemplate {
    param([string]$Area, [string]$Section, [string[]]$Lines)
    if ($Lines.Count -eq 0) { return }
    $dir = New-WorkFolder
    try {
        $inf = Join-Path $dir 'attt.inf'
        $db = Join-Path $dir 'attt.sdb'
        $log = Join-Path $dir 'attt.log'
        # The layout secedit /export writes: [Unicode], [Version], then the values.
        $text = @('[Unicode]', 'Unicode=yes', '[Version]', 'signature="$CHICAGO$"', 'Revision=1', ('[{0}]' -f $Section)) + $Lines
        [IO.File]::WriteAllLines($inf, [string[]]$text, [Text.Encoding]::Unicode)
        $r = Invoke-Native -FilePath $Script:SeceditExe -Arguments @('/configure', '/db', $db, '/cfg', $inf, '/areas', $Area, '/log', $log, '/quiet')
        if ($r.ExitCode -ne 0) {
            $detail = ''
            if (Test-Path -LiteralPath $log) { $detail = [IO.File]::ReadAllText($log) }
            Write-Say -Vi ('secedit /configure trả về {0}; giá trị sẽ được kiểm tra lại bên dưới.' -f $r.ExitCode) `
                -En ('secedit /configure returned {0}; values are checked again below. {1}' -f $r.ExitCode, $detail) -Color Yellow
        }
    } finally { Remove-WorkFolder -Path $dir }
}

# Applies [System Access] values.
function Invoke-SeceditConfigure {
    param([System.Collections.IDictionary]$Values)
    $lines = @(foreach ($k in @($Values.Keys)) { Format-InfLine -Key $k -Value $Values[$k] })
    Invoke-SeceditTemplate -Area 'SECURITYPOLICY' -Section 'System Access' -Lines $lines
}

# ---------------------------------------------------------------- registry

function Get-ValueKind {
    param([string]$Type)
    switch ($Type) {
        'REG_SZ' { return [Microsoft.Win32.RegistryValueKind]::String }
        'REG_EXPAND_SZ' { return [Microsoft.Win32.RegistryValueKind]::ExpandString }
        'REG_DWORD' { return [Microsoft.Win32.RegistryValueKind]::DWord }
        'REG_QWORD' { return [Microsoft.Win32.RegistryValueKind]::QWord }
        'REG_MULTI_SZ' { return [Microsoft.Win32.RegistryValueKind]::MultiString }
    }
    throw ('unknown registry type {0}' -f $Type)
}

function Assert-RegistryPath {
    param([string]$Path)
    if ($Path.Length -eq 0 -or $Path.StartsWith('\') -or $Path.EndsWith('\') -or $Path.Contains('\\')) {
        throw ('not a registry key path: {0}' -f $Path)
    }
}

# A registry value as JSON-friendly data: DWORD as an unsigned number, QWORD as
# decimal text, binary as base64, lists as string arrays.
function ConvertTo-PortableData {
    param([Microsoft.Win32.RegistryValueKind]$Kind, $Raw)
    switch ($Kind) {
        'DWord' { return [int64][BitConverter]::ToUInt32([BitConverter]::GetBytes([int32]$Raw), 0) }
        'QWord' { return [BitConverter]::ToUInt64([BitConverter]::GetBytes([int64]$Raw), 0).ToString($Script:Invariant) }
        # The comma keeps a one-item list a list (PowerShell unrolls what a function returns).
        'MultiString' { return , ([string[]]@($Raw)) }
        'String' { return [string]$Raw }
        'ExpandString' { return [string]$Raw }
    }
    return [Convert]::ToBase64String([byte[]]$Raw)
}

function ConvertFrom-PortableData {
    param([Microsoft.Win32.RegistryValueKind]$Kind, $Data)
    switch ($Kind) {
        'DWord' { return [BitConverter]::ToInt32([BitConverter]::GetBytes([uint32][int64]$Data), 0) }
        'QWord' { return [BitConverter]::ToInt64([BitConverter]::GetBytes([uint64]::Parse([string]$Data, $Script:Invariant)), 0) }
        'MultiString' { return , ([string[]]@($Data)) }
        'String' { return [string]$Data }
        'ExpandString' { return [string]$Data }
    }
    return , ([byte[]][Convert]::FromBase64String([string]$Data))
}

function Get-RegistryState {
    param([string]$Path, [string]$Name)
    Assert-RegistryPath -Path $Path
    $state = [ordered]@{ KeyExisted = $false; Present = $false; Kind = $null; Data = $null }
    $key = $Script:Hklm.OpenSubKey($Path)
    if ($null -eq $key) { return $state }
    try {
        $state.KeyExisted = $true
        if (@($key.GetValueNames()) -notcontains $Name) { return $state }
        $kind = $key.GetValueKind($Name)
        $raw = $key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
        $state.Present = $true
        $state.Kind = [string]$kind
        $state.Data = ConvertTo-PortableData -Kind $kind -Raw $raw
        return $state
    } finally { $key.Close() }
}

function Get-RegistryValueNames {
    param([string]$Path)
    Assert-RegistryPath -Path $Path
    $key = $Script:Hklm.OpenSubKey($Path)
    if ($null -eq $key) { return @() }
    try { return @($key.GetValueNames() | Where-Object { $_ -ne '' } | Sort-Object) } finally { $key.Close() }
}

function Set-RegistryData {
    param([string]$Path, [string]$Name, [string]$Kind, $Data)
    Assert-RegistryPath -Path $Path
    $k = [Microsoft.Win32.RegistryValueKind]$Kind
    $value = ConvertFrom-PortableData -Kind $k -Data $Data
    $key = $Script:Hklm.CreateSubKey($Path)
    try { $key.SetValue($Name, $value, $k) } finally { $key.Close() }
}

function Remove-RegistryData {
    param([string]$Path, [string]$Name)
    Assert-RegistryPath -Path $Path
    $key = $Script:Hklm.OpenSubKey($Path, $true)
    if ($null -eq $key) { return }
    try { $key.DeleteValue($Name, $false) } finally { $key.Close() }
}

# Removes a key this toolkit created, once nothing is left in it.
function Remove-EmptyKey {
    param([string]$Path)
    Assert-RegistryPath -Path $Path
    $key = $Script:Hklm.OpenSubKey($Path)
    if ($null -eq $key) { return }
    $empty = $false
    try { $empty = ($key.ValueCount -eq 0 -and $key.SubKeyCount -eq 0) } finally { $key.Close() }
    if ($empty) { $Script:Hklm.DeleteSubKey($Path, $false) }
}

# The portable form of a table row's data, for comparing with what the machine holds.
function Get-ExpectedRegistry {
    param($Row)
    $kind = Get-ValueKind -Type $Row.Type
    $portable = ConvertTo-PortableData -Kind $kind -Raw (ConvertFrom-PortableData -Kind $kind -Data $Row.Data)
    return [pscustomobject]@{ Kind = [string]$kind; Data = $portable }
}

function Test-SameRegistryData {
    param($A, $B)
    if ($A -is [array] -or $B -is [array]) {
        $x = @($A); $y = @($B)
        if ($x.Count -ne $y.Count) { return $false }
        for ($i = 0; $i -lt $x.Count; $i++) { if (-not ([string]$x[$i]).Equals([string]$y[$i])) { return $false } }
        return $true
    }
    return ([string]$A).Equals([string]$B)
}

function Format-Data {
    param($Data)
    if ($null -eq $Data) { return '(absent)' }
    if ($Data -is [array]) { return (@($Data) -join ' | ') }
    return [string]$Data
}

# ---------------------------------------------------------------- audit policy

# Subcategory GUID (lower case) -> setting value 0..3, from `auditpol /backup`: the CSV
# columns are read by position and rows matched by GUID, so a localized Windows reads
# the same as an English one.
function Read-AuditPolicy {
    $dir = New-WorkFolder
    try {
        $csv = Join-Path $dir 'audit.csv'
        $r = Invoke-Native -FilePath $Script:AuditpolExe -Arguments @('/backup', ('/file:{0}' -f $csv))
        if (-not (Test-Path -LiteralPath $csv)) { throw ('auditpol /backup failed ({0}): {1}' -f $r.ExitCode, $r.Output) }
        $map = @{}
        $lines = @([IO.File]::ReadAllLines($csv) | Select-Object -Skip 1)
        $rows = @($lines | ConvertFrom-Csv -Header 'Machine', 'Target', 'Subcategory', 'Guid', 'Inclusion', 'Exclusion', 'Value')
        foreach ($row in $rows) {
            $guid = [string]$row.Guid
            $value = [string]$row.Value
            if ($guid -match $Script:GuidPattern -and $value -match '^[0-3]$') { $map[$guid.ToLowerInvariant()] = [int]$value }
        }
        return $map
    } finally { Remove-WorkFolder -Path $dir }
}

# Sets a subcategory. Without -Exact only the wanted bits are enabled and the others
# left as they are ("at least"); with -Exact (Undo) both bits are set to the value.
function Set-AuditSubcategory {
    param([string]$Guid, [int]$Value, [switch]$Exact)
    if ($Guid -notmatch $Script:GuidPattern) { throw ('not a subcategory GUID: {0}' -f $Guid) }
    $arguments = @('/set', ('/subcategory:{0}' -f $Guid))
    if ($Value -band 1) { $arguments += '/success:enable' } elseif ($Exact) { $arguments += '/success:disable' }
    if ($Value -band 2) { $arguments += '/failure:enable' } elseif ($Exact) { $arguments += '/failure:disable' }
    if ($arguments.Count -eq 2) { return }
    $r = Invoke-Native -FilePath $Script:AuditpolExe -Arguments $arguments
    if ($r.ExitCode -ne 0) { throw ('auditpol /set {0} failed ({1}): {2}' -f $Guid, $r.ExitCode, $r.Output) }
}

# ---------------------------------------------------------------- checks

function Test-Check {
    param($Row)
    switch ($Row.Check) {
        'defender-realtime' {
            if ($null -eq (Get-Command -Name 'Get-MpComputerStatus' -ErrorAction SilentlyContinue)) {
                return New-Outcome -Status 'fail' -Label 'Microsoft Defender' -Observed 'not installed' -Expected 'real-time protection on' -Alternative
            }
            $s = Get-MpComputerStatus
            $on = [bool]$s.AntivirusEnabled -and [bool]$s.RealTimeProtectionEnabled
            $observed = 'AntivirusEnabled={0}; RealTimeProtectionEnabled={1}' -f $s.AntivirusEnabled, $s.RealTimeProtectionEnabled
            return New-Outcome -Status $(if ($on) { 'pass' } else { 'fail' }) -Label 'Microsoft Defender' -Observed $observed -Expected 'real-time protection on' -Alternative
        }
        'security-center-antivirus' {
            # Windows Security Center, where every anti-malware registers (not one service
            # name, which changes between versions). productState bits 12-15: state (1 on),
            # 0x10 signatures out of date. The vendor is the first word of both names.
            $label = [string]$Row.Product
            $until = [datetime]::ParseExact([string]$Row.LicensedUntil, 'yyyy-MM-dd', $Script:Invariant)
            $licensed = (Get-Date).Date -le $until
            $vendor = ([string]$Row.Product).Trim().Split(' ')[0]
            $seen = New-Object System.Collections.Generic.List[string]
            $ok = $false
            foreach ($p in @(Get-CimInstance -Namespace 'root\SecurityCenter2' -ClassName 'AntiVirusProduct')) {
                $name = [string]$p.displayName
                $state = [int64]$p.productState
                # Bits 12-15 are the state: 1 on; 0 off, 2 snoozed, 3 expired (none of them protect).
                $enabled = ((($state -shr 12) -band 0xF) -eq 1)
                $current = ($state -band 0x10) -eq 0
                $seen.Add(('{0}: enabled={1}, up to date={2}' -f $name, $enabled, $current))
                if ($name.Trim().Split(' ')[0] -eq $vendor -and $enabled -and $current) { $ok = $true }
            }
            $observed = 'none registered'
            if ($seen.Count -gt 0) { $observed = ($seen.ToArray() -join '; ') }
            $observed += ('; licence until {0}' -f $Row.LicensedUntil)
            return New-Outcome -Status $(if ($ok -and $licensed) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected 'registered in Security Center, enabled, up to date; licence valid today' -Alternative
        }
        'security-center-firewall' {
            # A third-party firewall the inventory declares, instead of Windows Defender Firewall.
            $label = ('{0} (Security Center)' -f $Row.Product)
            $vendor = ([string]$Row.Product).Trim().Split(' ')[0]
            $seen = New-Object System.Collections.Generic.List[string]
            $ok = $false
            foreach ($p in @(Get-CimInstance -Namespace 'root\SecurityCenter2' -ClassName 'FirewallProduct')) {
                $name = [string]$p.displayName
                $enabled = (((([int64]$p.productState) -shr 12) -band 0xF) -eq 1)
                $seen.Add(('{0}: enabled={1}' -f $name, $enabled))
                if ($name.Trim().Split(' ')[0] -eq $vendor -and $enabled) { $ok = $true }
            }
            $observed = 'none registered'
            if ($seen.Count -gt 0) { $observed = ($seen.ToArray() -join '; ') }
            return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected 'registered in Security Center and enabled'
        }
        'vbs-running' {
            # Win32_DeviceGuard: AvailableSecurityProperties 1 = hypervisor support, 2 = Secure
            # Boot; VirtualizationBasedSecurityStatus 2 = running; SecurityServicesRunning
            # 1 = Credential Guard, 2 = memory integrity (HVCI). Credential Guard runs on
            # Enterprise and Education only, so memory integrity is what passes.
            $label = 'Virtualization-based security'
            $dg = Get-CimInstance -Namespace 'root\Microsoft\Windows\DeviceGuard' -ClassName 'Win32_DeviceGuard' | Select-Object -First 1
            if ($null -eq $dg) {
                return New-Outcome -Status 'not-applicable' -Label $label -Observed 'not capable: Win32_DeviceGuard not available' -Expected 'VBS running with memory integrity'
            }
            $available = @($dg.AvailableSecurityProperties | ForEach-Object { [int]$_ })
            $running = @($dg.SecurityServicesRunning | ForEach-Object { [int]$_ })
            $status = [int]$dg.VirtualizationBasedSecurityStatus
            $observed = 'VBS status {0}; available {1}; running {2}' -f $status, ($available -join ','), ($running -join ',')
            # Memory integrity held back by the inventory (a pilot, incompatible drivers): VBS alone passes.
            $wantHvci = [bool]$Row.MemoryIntegrity
            $expected = 'VBS running with memory integrity'
            if (-not $wantHvci) { $expected = 'VBS running (memory integrity held back by the inventory)' }
            if ($available -notcontains 1 -or $available -notcontains 2) {
                # A processor with virtualization extensions that firmware leaves off is
                # capable: that is a setting to change (VT-x / AMD-V, SVM in BIOS/UEFI), not old hardware.
                $cpu = @(Get-CimInstance -ClassName Win32_Processor)
                $offInFirmware = @($cpu | Where-Object { $_.VMMonitorModeExtensions -eq $true -and $_.VirtualizationFirmwareEnabled -eq $false }).Count -gt 0
                if ($offInFirmware) {
                    return New-Outcome -Status 'fail' -Label $label -Observed ('virtualization is off in firmware: enable VT-x/SVM in BIOS ({0})' -f $observed) -Expected $expected
                }
                return New-Outcome -Status 'not-applicable' -Label $label -Observed ('not capable: no virtualization support or Secure Boot ({0})' -f $observed) -Expected $expected
            }
            if ($status -eq 1) { $observed = 'enabled, not running yet (restart the machine); ' + $observed }
            $ok = ($status -eq 2 -and (-not $wantHvci -or $running -contains 2))
            return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected $expected
        }
        'lsa-protected' {
            # Wininit logs event 12 ("LSASS.exe was started as a protected process") at each
            # boot where LSA protection took: the real state, not the registry value. A System
            # log that no longer reaches back to the boot cannot tell.
            $label = 'LSA protection (Wininit event 12 since boot)'
            $expected = 'LSASS started as a protected process'
            $boot = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime
            $started = Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-Wininit'; Id = 12; StartTime = $boot } -MaxEvents 1 -ErrorAction SilentlyContinue
            if ($null -ne $started) { return New-Outcome -Status 'pass' -Label $label -Observed ('event 12 at {0}' -f $started.TimeCreated.ToString('s', $Script:Invariant)) -Expected $expected }
            $oldest = Get-WinEvent -LogName 'System' -Oldest -MaxEvents 1 -ErrorAction SilentlyContinue
            if ($null -ne $oldest -and $oldest.TimeCreated -gt $boot) {
                return New-Outcome -Status 'error' -Label $label -Observed 'the System log no longer reaches back to the last boot' -Expected $expected
            }
            return New-Outcome -Status 'fail' -Label $label -Observed 'no event 12 since the last boot (restart after Apply, or LSA protection did not start)' -Expected $expected
        }
        'update-search-recent' {
            # The Windows Update agent's own record (UTC), the same on every language.
            $label = 'Windows Update: last successful search'
            $max = [int]$Row.MaxAgeDays
            $expected = ('within the last {0} days' -f $max)
            $last = (New-Object -ComObject 'Microsoft.Update.AutoUpdate').Results.LastSearchSuccessDate
            if ($null -eq $last -or ([datetime]$last).Year -lt 2000) {
                return New-Outcome -Status 'fail' -Label $label -Observed 'never' -Expected $expected
            }
            $age = ((Get-Date).ToUniversalTime() - [datetime]$last).TotalDays
            $observed = ('{0} UTC ({1} days ago)' -f ([datetime]$last).ToString('yyyy-MM-dd HH:mm', $Script:Invariant), [math]::Floor($age))
            return New-Outcome -Status $(if ($age -le $max) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected $expected
        }
        'os-supported' {
            $os = $Script:MachineOs
            if ($null -eq $os) { $os = Get-MachineOs }
            $label = ('Windows build {0} ({1})' -f $os.Build, $os.Edition)
            $today = (Get-Date).Date
            $enterprise = $os.Edition -match '^(Enterprise|Education)' -and $os.Edition -ne 'EnterpriseS'
            if ($os.Edition -like 'EnterpriseS*' -or $os.Edition -like 'IoTEnterpriseS*') {
                return New-Outcome -Status 'not-applicable' -Label $label -Observed 'LTSC: its own lifecycle, not checked here' -Expected 'a release still supported'
            }
            $end = $null
            $newest = 0
            foreach ($line in @($Row.Releases)) {
                $parts = ([string]$line).Split('|')
                $build = [int]$parts[0]
                if ($build -gt $newest) { $newest = $build }
                if ($build -eq $os.Build) { $end = [datetime]::ParseExact($parts[$(if ($enterprise) { 2 } else { 1 })], 'yyyy-MM-dd', $Script:Invariant) }
            }
            if ($null -eq $end -and $os.Build -gt $newest) {
                return New-Outcome -Status 'pass' -Label $label -Observed 'newer than every release the bundle knows' -Expected 'a release still supported'
            }
            if ($null -eq $end) {
                return New-Outcome -Status 'fail' -Label $label -Observed 'a release past its end of support' -Expected 'a release still supported'
            }
            $observed = 'security updates until {0}' -f $end.ToString('yyyy-MM-dd', $Script:Invariant)
            if ($today -le $end) { return New-Outcome -Status 'pass' -Label $label -Observed $observed -Expected 'a release still supported' }
            if ($os.Family -eq 'windows-10' -and [string]$Row.ExtendedUntil -ne '') {
                $esu = [datetime]::ParseExact([string]$Row.ExtendedUntil, 'yyyy-MM-dd', $Script:Invariant)
                $observed += ('; Extended Security Updates recorded until {0}' -f $Row.ExtendedUntil)
                if ($today -le $esu) { return New-Outcome -Status 'pass' -Label $label -Observed $observed -Expected 'a release still supported, or ESU' }
            }
            return New-Outcome -Status 'fail' -Label $label -Observed ('past its end of support: ' + $observed) -Expected 'a release still supported (take the next feature update, or record ESU for Windows 10)'
        }
        'bitlocker-os-volume' {
            $drive = $env:SystemDrive
            if ($null -ne (Get-Command -Name 'Get-BitLockerVolume' -ErrorAction SilentlyContinue)) {
                $v = Get-BitLockerVolume -MountPoint $drive
                $on = ([string]$v.ProtectionStatus -eq 'On')
                return New-Outcome -Status $(if ($on) { 'pass' } else { 'fail' }) -Label ('BitLocker {0}' -f $drive) -Observed ([string]$v.ProtectionStatus) -Expected 'On'
            }
            $v = Get-CimInstance -Namespace 'root\cimv2\Security\MicrosoftVolumeEncryption' -ClassName 'Win32_EncryptableVolume' |
                Where-Object { $_.DriveLetter -eq $drive } | Select-Object -First 1
            if ($null -eq $v) {
                return New-Outcome -Status 'fail' -Label ('BitLocker {0}' -f $drive) -Observed 'no encryptable volume' -Expected 'On'
            }
            # Win32_EncryptableVolume.ProtectionStatus: 0 off, 1 on, 2 unknown.
            $on = ([int]$v.ProtectionStatus -eq 1)
            return New-Outcome -Status $(if ($on) { 'pass' } else { 'fail' }) -Label ('BitLocker {0}' -f $drive) -Observed ([int]$v.ProtectionStatus) -Expected 1
        }
        'firewall-active' {
            # What the firewall service enforces (its active store), not what policy asks: with
            # MpsSvc stopped, or a profile switched off by another product, the policy values
            # still read as set and only this fails.
            if (@('block', 'any') -notcontains [string]$Row.Outbound) { throw ('unknown outbound expectation {0}' -f $Row.Outbound) }
            $label = 'Windows Defender Firewall (MpsSvc, ActiveStore)'
            $expected = 'MpsSvc Running; Domain, Private, Public: Enabled=True, DefaultInboundAction=Block'
            if ($Row.Outbound -eq 'block') { $expected += ', DefaultOutboundAction=Block' }
            $svc = Get-ServiceByName -Name 'MpsSvc'
            $state = 'absent'
            if ($null -ne $svc) { $state = [string]$svc.Status }
            if ($state -ne 'Running') {
                return New-Outcome -Status 'fail' -Label $label -Observed ('MpsSvc {0}' -f $state) -Expected $expected
            }
            $seen = New-Object System.Collections.Generic.List[string]
            $seen.Add('MpsSvc Running')
            $ok = $true
            $names = New-Object System.Collections.Generic.List[string]
            foreach ($p in @(Get-NetFirewallProfile -PolicyStore ActiveStore | Sort-Object -Property Name)) {
                # Enum names (GpoBoolean, Action), the same on every language of Windows.
                $enabled = [string]$p.Enabled
                $inbound = [string]$p.DefaultInboundAction
                $outbound = [string]$p.DefaultOutboundAction
                $names.Add([string]$p.Name)
                $seen.Add(('{0}: Enabled={1}, DefaultInboundAction={2}, DefaultOutboundAction={3}' -f $p.Name, $enabled, $inbound, $outbound))
                if ($enabled -ne 'True' -or $inbound -ne 'Block') { $ok = $false }
                if ($Row.Outbound -eq 'block' -and $outbound -ne 'Block') { $ok = $false }
            }
            foreach ($name in @('Domain', 'Private', 'Public')) { if ($names -notcontains $name) { $ok = $false } }
            return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed ($seen.ToArray() -join '; ') -Expected $expected
        }
        'device-class-off' {
            $guid = [string]$Row.ClassGuid
            if ($guid -notmatch $Script:GuidPattern) { throw ('not a device class GUID: {0}' -f $guid) }
            # Working: Status OK and ConfigManagerErrorCode 0. Disabled (22), refused by policy,
            # or not present (Win32_PnPEntity lists those too, code 45) is off. The GUID is
            # compared as text (case-insensitive), never put into a query.
            $working = @(Get-CimInstance -ClassName Win32_PnPEntity | Where-Object {
                    [string]$_.ClassGuid -eq $guid -and [string]$_.Status -eq 'OK' -and
                    $null -ne $_.ConfigManagerErrorCode -and [int]$_.ConfigManagerErrorCode -eq 0
                } | ForEach-Object { [string]$_.PNPDeviceID } | Sort-Object)
            $observed = 'none'
            if ($working.Count -gt 0) { $observed = ('{0} working: {1}' -f $working.Count, ($working -join ', ')) }
            return New-Outcome -Status $(if ($working.Count -eq 0) { 'pass' } else { 'fail' }) `
                -Label ('{0} devices {1}' -f $Row.ClassName, $guid) -Observed $observed -Expected 'none working'
        }
    }
    throw ('unknown check {0}' -f $Row.Check)
}

# ---------------------------------------------------------------- setting kinds

# A kind whose folder holds all of it (baselines/kinds/<kind>/runtime.ps1) registers its
# functions here, by name, when the script loads; Apply, Test and Undo call them for its
# rows and backup entries without naming the kind: Id (a row's or entry's identity),
# Entry (Get: the backup entry of a row), Apply (Set), Test, Restore (an entry back),
# Label and Value (Apply's list of changes). Order is where Apply sets the kind's rows
# among the registered kinds (lowest first), declared by the kind, never its folder's name.
# NeverCreates: Apply never creates an item that is not there (a service, a task), so a
# backup entry saying "absent" is taken again once the item exists (Save-Backup).
$Script:SettingKinds = [ordered]@{}

function Register-SettingKind {
    param([string]$Kind, [string]$Id, [string]$Entry, [string]$Apply, [string]$Test, [string]$Restore, [string]$Label, [string]$Value,
        [int]$Order, [switch]$NeverCreates)
    # Checked when the script loads: a missing function would otherwise fail halfway through Apply.
    foreach ($fn in @($Id, $Entry, $Apply, $Test, $Restore, $Label, $Value)) {
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
        Kind = $Kind; Id = $Id; Entry = $Entry; Apply = $Apply; Test = $Test; Restore = $Restore; Label = $Label; Value = $Value
        Order = $Order; NeverCreates = [bool]$NeverCreates
    }
}

# The registered kinds in the order Apply sets them.
function Get-SettingKindsInOrder {
    return @($Script:SettingKinds.Values | Sort-Object -Property Order)
}

# The registered functions of a row's or entry's kind, or $null for a kind the runtime handles itself.
function Get-SettingKind {
    param($Item)
    $kind = [string]$Item.Kind
    if ($Script:SettingKinds.Contains($kind)) { return $Script:SettingKinds[$kind] }
    return $null
}

# ---------------------------------------------------------------- evaluation

function New-Outcome {
    param([string]$Status, [string]$Label, $Observed, $Expected, [switch]$Alternative)
    return [pscustomobject]@{ Status = $Status; Label = $Label; Observed = $Observed; Expected = $Expected; Alternative = [bool]$Alternative }
}

# What the machine holds now, read once (secedit and auditpol are slow). A tool that
# fails leaves $null and an error message: its settings then report 'error'.
function Read-MachineState {
    $state = [pscustomobject]@{ Secedit = $null; SeceditError = ''; Rights = $null; RightsError = ''; Audit = $null; AuditError = '' }
    try { $state.Secedit = Read-SeceditValues -Merged } catch { $state.SeceditError = [string]$_ }
    if (@($Settings | Where-Object { $_.Kind -eq 'user-right' }).Count -gt 0) {
        try { $state.Rights = Read-UserRights -Merged } catch { $state.RightsError = [string]$_ }
    }
    try { $state.Audit = Read-AuditPolicy } catch { $state.AuditError = [string]$_ }
    return $state
}

function Test-SeceditRow {
    param($Row, $State)
    $label = [string]$Row.Key
    if ($null -eq $State.Secedit) { throw ('security policy could not be read: {0}' -f $State.SeceditError) }
    $has = $State.Secedit.ContainsKey($Row.Key)
    $observed = $null
    if ($has) { $observed = $State.Secedit[$Row.Key] }
    if ($Row.Value -is [string]) {
        $ok = $has -and ([string]$observed -eq [string]$Row.Value)
        return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected $Row.Value
    }
    $number = $null
    if ($has) {
        $parsed = [int64]0
        if ([int64]::TryParse([string]$observed, [Globalization.NumberStyles]::Integer, $Script:Invariant, [ref]$parsed)) { $number = $parsed }
    }
    $want = [int64]$Row.Value
    $ok = $false
    $expected = $want
    if ($null -ne $number) {
        switch ($Row.Compare) {
            'eq' { $ok = ($number -eq $want) }
            # At least: more is stronger.
            # LockoutDuration -1 is "until an administrator unlocks it", the strongest there is.
            'min' { $ok = ($number -ge $want -or ($Row.Key -eq 'LockoutDuration' -and $number -eq -1)); $expected = ('>= {0}' -f $want) }
            # At most, where 0 or less means "never" (no lockout, no expiry): fails.
            'max' { $ok = ($number -le $want -and $number -gt 0); $expected = ('<= {0} (not 0)' -f $want) }
        }
    } elseif ($Row.Compare -eq 'min') { $expected = ('>= {0}' -f $want) } elseif ($Row.Compare -eq 'max') { $expected = ('<= {0} (not 0)' -f $want) }
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed $number -Expected $expected
}

function Test-RegistryRow {
    param($Row)
    $label = 'HKLM\{0}\{1}' -f $Row.Path, $Row.Name
    if (Test-PolicyIgnoredHere -Path $Row.Path) {
        return New-Outcome -Status 'fail' -Label $label -Observed ('not supported on this edition ({0}): Windows Home ignores policy' -f $Script:MachineOs.Edition) -Expected 'an edition that applies policy (Pro, Education, Enterprise)'
    }
    $want = Get-ExpectedRegistry -Row $Row
    $have = Get-RegistryState -Path $Row.Path -Name $Row.Name
    $ok = $have.Present -and ($have.Kind -eq $want.Kind) -and (Test-SameRegistryData -A $have.Data -B $want.Data)
    $observed = $null
    if ($have.Present) { $observed = Format-Data -Data $have.Data }
    $expected = Format-Data -Data $want.Data
    if ($want.Data -is [int64] -and $have.Present -and $have.Data -is [int64]) { $observed = $have.Data; $expected = $want.Data }
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected $expected
}

# A key the bundle owns whole: no value may be there that the bundle does not set.
function Get-OwnedValueNames {
    param([string]$Path)
    return @($Settings | Where-Object { $_.Kind -eq 'registry' -and $_.Path -eq $Path } | ForEach-Object { [string]$_.Name })
}

function Test-RegistryClearRow {
    param($Row)
    $owned = @(Get-OwnedValueNames -Path $Row.Path)
    $extra = @(Get-RegistryValueNames -Path $Row.Path | Where-Object { $owned -notcontains $_ })
    $observed = 'none'
    if ($extra.Count -gt 0) { $observed = ($extra -join ', ') }
    return New-Outcome -Status $(if ($extra.Count -eq 0) { 'pass' } else { 'fail' }) -Label ('HKLM\{0}: values not in the bundle' -f $Row.Path) -Observed $observed -Expected 'none'
}

function Test-AuditRow {
    param($Row, $State)
    if ($null -eq $State.Audit) { throw ('audit policy could not be read: {0}' -f $State.AuditError) }
    $have = 0
    if ($State.Audit.ContainsKey([string]$Row.Guid)) { $have = [int]$State.Audit[[string]$Row.Guid] }
    $want = [int]$Row.Value
    $ok = (($have -band $want) -eq $want)
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label ('audit {0} {1}' -f $Row.Subcategory, $Row.Guid) -Observed $have -Expected ('includes {0}' -f $want)
}

function Test-SettingRow {
    param($Row, $State)
    try {
        switch ($Row.Kind) {
            'secedit' { return Test-SeceditRow -Row $Row -State $State }
            'registry' { return Test-RegistryRow -Row $Row }
            'registry-clear' { return Test-RegistryClearRow -Row $Row }
            'audit' { return Test-AuditRow -Row $Row -State $State }
            'user-right' { return Test-UserRightRow -Row $Row -State $State }
            'user-registry' { return Test-UserPolicyRow -Row $Row }
            'check' { return Test-Check -Row $Row }
        }
        $handlers = Get-SettingKind -Item $Row
        if ($null -ne $handlers) { return & $handlers.Test -Row $Row }
        throw ('unknown setting kind {0}' -f $Row.Kind)
    } catch {
        # Only the anti-malware checks are alternatives to each other (see Get-ControlVerdict).
        $alternative = ($Row.Kind -eq 'check' -and @('defender-realtime', 'security-center-antivirus') -contains [string]$Row.Check)
        return New-Outcome -Status 'error' -Label ([string]$Row.Kind) -Observed $null -Expected $null -Alternative:$alternative |
            Add-Member -NotePropertyName Error -NotePropertyValue ([string]$_) -PassThru
    }
}

# One control's verdict. Anti-malware checks are alternatives (Defender OR an approved
# product): one passing is enough. Otherwise every setting must pass; a failure
# outweighs an error (the machine is known to be wrong).
function Get-ControlVerdict {
    param([string]$ControlId, [object[]]$Outcomes)
    $statuses = @($Outcomes | Where-Object { -not $_.Alternative } | ForEach-Object { $_.Status })
    $alternatives = @($Outcomes | Where-Object { $_.Alternative })
    if ($alternatives.Count -gt 0) {
        if (@($alternatives | Where-Object { $_.Status -eq 'pass' }).Count -gt 0) { $statuses += 'pass' }
        elseif (@($alternatives | Where-Object { $_.Status -ne 'error' }).Count -eq 0) { $statuses += 'error' }
        else { $statuses += 'fail' }
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

function Invoke-Evaluation {
    param($State)
    $results = New-Object System.Collections.Generic.List[object]
    foreach ($control in $Controls) {
        $rows = @($Settings | Where-Object { $_.Control -eq $control.Id })
        $outcomes = @($rows | ForEach-Object { Test-SettingRow -Row $_ -State $State })
        if ($outcomes.Count -eq 0) { continue }
        $results.Add((Get-ControlVerdict -ControlId $control.Id -Outcomes $outcomes))
    }
    return , $results.ToArray()
}

# ---------------------------------------------------------------- plan and backup

# The bundle's settings, each once (rows repeat when several controls share a value).
# Audit rows merge by OR: every control gets at least what it asked.
function Get-UniqueSettings {
    $seen = [ordered]@{}
    foreach ($row in $Settings) {
        $id = Get-SettingId -Row $row
        # Checks and kinds this runtime does not know (Get-UnknownKindRows) are not applied.
        if ($null -eq $id) { continue }
        if ($seen.Contains($id)) {
            if ($row.Kind -eq 'audit') { $seen[$id].Value = ([int]$seen[$id].Value -bor [int]$row.Value) }
            continue
        }
        $copy = [ordered]@{}
        foreach ($k in $row.Keys) { $copy[$k] = $row[$k] }
        $seen[$id] = $copy
    }
    return @($seen.Values)
}

# Rows of a kind this runtime neither handles nor has registered (a bundle generated by a
# newer attt-kit, or a kind's runtime.ps1 missing): Apply lists them as errors.
function Get-UnknownKindRows {
    return @($Settings | Where-Object { $_.Kind -ne 'check' -and $null -eq (Get-SettingId -Row $_) })
}

function Get-SettingId {
    param($Row)
    switch ($Row.Kind) {
        'secedit' { return ('secedit|{0}' -f $Row.Key).ToUpperInvariant() }
        'registry' { return ('registry|{0}|{1}' -f $Row.Path, $Row.Name).ToUpperInvariant() }
        'registry-clear' { return ('registry-clear|{0}' -f $Row.Path).ToUpperInvariant() }
        'audit' { return ('audit|{0}' -f $Row.Guid).ToUpperInvariant() }
        'user-right' { return ('user-right|{0}' -f $Row.Right).ToUpperInvariant() }
        'user-registry' { return ('user-registry|{0}|{1}' -f $Row.Path, $Row.Name).ToUpperInvariant() }
    }
    $handlers = Get-SettingKind -Item $Row
    if ($null -ne $handlers) { return & $handlers.Id -Row $Row }
    return $null
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
        foreach ($x in @(Get-UntrustedAccess -Path $p -Allowed $allowed)) { $problems.Add(('{0}: {1}' -f $p, $x)) }
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
