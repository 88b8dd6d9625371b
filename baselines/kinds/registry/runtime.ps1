# ---------------------------------------------------------------- kind: registry
# Machine registry values (HKLM, the 64-bit view); the kind's folder is
# baselines/kinds/registry/. Rows: Path (the key under HKLM), Name, Type (REG_SZ,
# REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ), Data. Its value helpers are the
# registry-clear kind's too.

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

function Get-RegistryId {
    param($Row)
    return ('registry|{0}|{1}' -f $Row.Path, $Row.Name).ToUpperInvariant()
}

# A backup entry of one value as it is now (the registry-clear kind backs up its key's values so too).
function New-RegistryEntry {
    param([string]$Path, [string]$Name)
    $s = Get-RegistryState -Path $Path -Name $Name
    $entry = [ordered]@{
        Id = $null; Kind = 'registry'; Path = $Path; Name = $Name
        KeyExisted = $s.KeyExisted; Present = $s.Present; ValueKind = $s.Kind; Data = $s.Data
    }
    # Its identity from its own fields, as Undo computes it again.
    $entry.Id = Get-RegistryId -Row $entry
    return $entry
}

# Get (backup): the value before the first Apply, and whether its key existed.
function Get-RegistryEntry {
    param($Row, $State)
    return New-RegistryEntry -Path ([string]$Row.Path) -Name ([string]$Row.Name)
}

function Set-RegistryRow {
    param($Row)
    $want = Get-ExpectedRegistry -Row $Row
    Set-RegistryData -Path $Row.Path -Name $Row.Name -Kind $want.Kind -Data $want.Data
}

# Set: each value, one at a time (one that fails does not stop the others).
function Set-RegistryRows {
    param([object[]]$Rows)
    return Invoke-Each -Items $Rows -Action 'Set-RegistryRow' -Label 'Format-RegistryLabel'
}

# Test: the value as the machine holds it now; Windows Home ignores policy keys.
function Test-RegistryRow {
    param($Row, $State)
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

# Restore: each value as the first Apply found it (removed when it was absent), then the
# keys Apply created, deepest first, once nothing is left in them.
function Restore-RegistryEntries {
    param([object[]]$Entries)
    $errors = New-Object System.Collections.Generic.List[string]
    $createdKeys = New-Object System.Collections.Generic.List[string]
    foreach ($e in $Entries) {
        try {
            if ($e.Present) { Set-RegistryData -Path $e.Path -Name $e.Name -Kind $e.ValueKind -Data $e.Data }
            else { Remove-RegistryData -Path $e.Path -Name $e.Name }
            if (-not $e.KeyExisted) { $createdKeys.Add([string]$e.Path) }
        } catch { $errors.Add(('{0}: {1}' -f (Format-RegistryLabel -Entry $e), $_)) }
    }
    foreach ($path in @($createdKeys | Sort-Object -Unique | Sort-Object -Property Length -Descending)) {
        try { Remove-EmptyKey -Path $path } catch { $errors.Add(('key {0}: {1}' -f $path, $_)) }
    }
    return , $errors.ToArray()
}

function Format-RegistryLabel {
    param($Entry)
    return ('HKLM\{0}\{1}' -f $Entry.Path, $Entry.Name)
}

function Format-RegistryValue {
    param($Entry)
    if ($Entry.Present) { return ('{0} {1}' -f $Entry.ValueKind, (Format-Data -Data $Entry.Data)) }
    return '(absent)'
}

# Order 20: after registry-clear (10) has emptied the keys the bundle owns.
Register-SettingKind -Kind 'registry' -Id 'Get-RegistryId' -Entry 'Get-RegistryEntry' -Apply 'Set-RegistryRows' `
    -Test 'Test-RegistryRow' -Restore 'Restore-RegistryEntries' -Label 'Format-RegistryLabel' -Value 'Format-RegistryValue' -Order 20
