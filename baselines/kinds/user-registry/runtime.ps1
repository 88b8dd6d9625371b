# ---------------------------------------------------------------- kind: user-registry
# User-side policy values (HKCU\Software\Policies\...); the kind's folder is
# baselines/kinds/user-registry/. Without a domain, they go into the local Group
# Policy's user part, which Windows applies to every user at sign-in: the file
# %SystemRoot%\System32\GroupPolicy\User\Registry.pol ([MS-GPREG] PReg format) and the
# user version and extension list in ...\GroupPolicy\gpt.ini. Rows: Path, Name, Type
# (REG_DWORD), Data.

$Script:LocalGpoRoot = Join-Path $Script:System32 'GroupPolicy'
$Script:UserPolPath = Join-Path $Script:LocalGpoRoot 'User\Registry.pol'
$Script:LocalGptIni = Join-Path $Script:LocalGpoRoot 'gpt.ini'
# The registry client-side extension and its user-side snap-in, as gPCUserExtensionNames lists them.
$Script:UserRegistryExtension = '[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F73-3407-48AE-BA88-E8213C6761F1}]'

# One NUL-terminated UTF-16LE string from $Bytes at $At: the text and the offset after its NUL.
function Read-PolText {
    param([byte[]]$Bytes, [int]$At)
    $end = $At
    while ($end + 1 -lt $Bytes.Length -and -not ($Bytes[$end] -eq 0 -and $Bytes[$end + 1] -eq 0)) { $end += 2 }
    if ($end + 1 -ge $Bytes.Length) { throw ('Registry.pol: unterminated text at byte {0}' -f $At) }
    return @([Text.Encoding]::Unicode.GetString($Bytes, $At, $end - $At), ($end + 2))
}

function Assert-PolChar {
    param([byte[]]$Bytes, [int]$At, [char]$Char)
    if ($At + 1 -ge $Bytes.Length -or $Bytes[$At] -ne [byte][int]$Char -or $Bytes[$At + 1] -ne 0) {
        throw ('Registry.pol: expected ''{0}'' at byte {1}' -f $Char, $At)
    }
}

# Every entry of a Registry.pol: Key, Name, Type (number), Data (bytes), in file order.
# A missing file has none.
function Read-PolFile {
    param([string]$Path)
    $entries = New-Object System.Collections.Generic.List[object]
    if (-not (Test-Path -LiteralPath $Path)) { return , $entries.ToArray() }
    $b = [IO.File]::ReadAllBytes($Path)
    if ($b.Length -lt 8 -or [Text.Encoding]::ASCII.GetString($b, 0, 4) -ne 'PReg' -or [BitConverter]::ToUInt32($b, 4) -ne 1) {
        throw ('not a Registry.pol file (PReg, version 1): {0}' -f $Path)
    }
    $i = 8
    while ($i -lt $b.Length) {
        Assert-PolChar -Bytes $b -At $i -Char '['
        $key = Read-PolText -Bytes $b -At ($i + 2)
        Assert-PolChar -Bytes $b -At $key[1] -Char ';'
        $name = Read-PolText -Bytes $b -At ($key[1] + 2)
        $i = $name[1]
        Assert-PolChar -Bytes $b -At $i -Char ';'
        # ';' type ';' size ';': 2 + 4 + 2 + 4 + 2 bytes before the data.
        if ($i + 14 -gt $b.Length) { throw ('Registry.pol: truncated entry at byte {0}' -f $i) }
        $type = [BitConverter]::ToUInt32($b, $i + 2)
        Assert-PolChar -Bytes $b -At ($i + 6) -Char ';'
        $size = [BitConverter]::ToUInt32($b, $i + 8)
        Assert-PolChar -Bytes $b -At ($i + 12) -Char ';'
        $i += 14
        if ($i + $size + 2 -gt $b.Length) { throw ('Registry.pol: data past the end at byte {0}' -f $i) }
        $data = New-Object byte[] $size
        [Array]::Copy($b, $i, $data, 0, $size)
        $i += $size
        Assert-PolChar -Bytes $b -At $i -Char ']'
        $i += 2
        $entries.Add([pscustomobject]@{ Key = [string]$key[0]; Name = [string]$name[0]; Type = [int]$type; Data = $data })
    }
    return , $entries.ToArray()
}

function Write-PolFile {
    param([string]$Path, [object[]]$Entries)
    $u = [Text.Encoding]::Unicode
    $out = New-Object System.IO.MemoryStream
    $head = [byte[]](0x50, 0x52, 0x65, 0x67, 1, 0, 0, 0)
    $out.Write($head, 0, 8)
    $put = { param([byte[]]$x) $out.Write($x, 0, $x.Length) }
    foreach ($e in $Entries) {
        & $put $u.GetBytes('[' + [string]$e.Key + [char]0 + ';' + [string]$e.Name + [char]0 + ';')
        & $put ([BitConverter]::GetBytes([uint32]$e.Type))
        & $put $u.GetBytes(';')
        & $put ([BitConverter]::GetBytes([uint32]$e.Data.Length))
        & $put $u.GetBytes(';')
        & $put ([byte[]]$e.Data)
        & $put $u.GetBytes(']')
    }
    $dir = Split-Path -Parent $Path
    if (-not (Test-Path -LiteralPath $dir)) { New-Item -ItemType Directory -Path $dir -Force | Out-Null }
    [IO.File]::WriteAllBytes($Path, $out.ToArray())
}

# A row's key and name checked before they reach the file (brackets, ';' and NUL are the format's own).
function Assert-UserPolicyRow {
    param($Row)
    if ([string]$Row.Path -notmatch '^Software\\Policies(\\[^\\\x00-\x1f;\[\]]+)+\z') { throw ('not a user policy key: {0}' -f $Row.Path) }
    if ([string]$Row.Name -cnotmatch '^[A-Za-z0-9 ._-]+\z') { throw ('not a user policy value name: {0}' -f $Row.Name) }
    if ([string]$Row.Type -ne 'REG_DWORD') { throw ('user policy {0}: only REG_DWORD is supported' -f $Row.Name) }
}

function Find-PolEntry {
    param([object[]]$Entries, [string]$Key, [string]$Name)
    foreach ($e in $Entries) { if ($e.Key -eq $Key -and $e.Name -eq $Name) { return $e } }
    return $null
}

# The DWORD a Registry.pol entry holds, or $null when it is absent or not a DWORD.
function Get-PolDword {
    param($Entry)
    if ($null -eq $Entry -or $Entry.Type -ne 4 -or $Entry.Data.Length -ne 4) { return $null }
    return [int64][BitConverter]::ToUInt32($Entry.Data, 0)
}

# Raises the user version in gpt.ini (high 16 bits of Version) and lists the registry
# extension for users, so Windows applies the changed file at the next refresh or sign-in.
function Update-LocalGptIni {
    $lines = New-Object System.Collections.Generic.List[string]
    if (Test-Path -LiteralPath $Script:LocalGptIni) { foreach ($l in [IO.File]::ReadAllLines($Script:LocalGptIni)) { $lines.Add($l) } }
    if (@($lines | Where-Object { $_.Trim() -eq '[General]' }).Count -eq 0) { $lines.Insert(0, '[General]') }
    if (@($lines | Where-Object { $_ -match '^\s*gPCFunctionalityVersion\s*=' }).Count -eq 0) {
        $general = 0
        for ($n = 0; $n -lt $lines.Count; $n++) { if ($lines[$n].Trim() -eq '[General]') { $general = $n; break } }
        $lines.Insert($general + 1, 'gPCFunctionalityVersion=2')
    }
    $version = [int64]0
    $versionAt = -1
    $extAt = -1
    for ($n = 0; $n -lt $lines.Count; $n++) {
        if ($lines[$n] -match '^\s*Version\s*=\s*([0-9]+)\s*$') { $version = [int64]$Matches[1]; $versionAt = $n }
        if ($lines[$n] -match '^\s*gPCUserExtensionNames\s*=') { $extAt = $n }
    }
    $user = (($version -shr 16) + 1) -band 0xFFFF
    $newVersion = ($user -shl 16) -bor ($version -band 0xFFFF)
    $versionLine = 'Version={0}' -f $newVersion
    if ($versionAt -ge 0) { $lines[$versionAt] = $versionLine } else { $lines.Add($versionLine) }
    # The list stays in ascending GUID order, as the Group Policy client expects ([MS-GPOL]).
    $pairs = New-Object System.Collections.Generic.List[string]
    if ($extAt -ge 0) {
        $value = $lines[$extAt].Substring($lines[$extAt].IndexOf('=') + 1)
        foreach ($m in [regex]::Matches($value, '\[[^\]]*\]')) { $pairs.Add($m.Value) }
    }
    # Matched on the extension GUID (the first of a pair): every registry pair already listed
    # gives its tool GUIDs to one merged pair with ours, so the extension is never listed twice.
    $mine = @([regex]::Matches($Script:UserRegistryExtension, '\{[^}]*\}') | ForEach-Object { $_.Value })
    $tools = New-Object System.Collections.Generic.List[string]
    $kept = New-Object System.Collections.Generic.List[string]
    foreach ($p in $pairs) {
        $g = @([regex]::Matches($p, '\{[^}]*\}') | ForEach-Object { $_.Value })
        if ($g.Count -gt 0 -and $g[0] -eq $mine[0]) {
            foreach ($t in @($g | Select-Object -Skip 1)) { if (-not ($tools -contains $t)) { $tools.Add($t) } }
        } else { $kept.Add($p) }
    }
    if (-not ($tools -contains $mine[1])) { $tools.Add($mine[1]) }
    $toolList = [string[]]$tools.ToArray()
    [Array]::Sort($toolList, [StringComparer]::OrdinalIgnoreCase)
    $kept.Add('[' + $mine[0] + ($toolList -join '') + ']')
    $sorted = [string[]]$kept.ToArray()
    [Array]::Sort($sorted, [StringComparer]::OrdinalIgnoreCase)
    $extLine = 'gPCUserExtensionNames=' + ($sorted -join '')
    if ($extAt -ge 0) { $lines[$extAt] = $extLine } else { $lines.Add($extLine) }
    [IO.File]::WriteAllLines($Script:LocalGptIni, [string[]]$lines.ToArray(), [Text.Encoding]::ASCII)
}

function Get-UserPolicyId {
    param($Row)
    return ('user-registry|{0}|{1}' -f $Row.Path, $Row.Name).ToUpperInvariant()
}

# Read: the local policy's user part, every entry (the same file for Apply and Test).
function Read-UserPolicyState {
    # -Merged as every kind's Read takes it: the file has one state only.
    param([switch]$Merged)
    # Assigned first: Read-PolFile's one output is its array of entries.
    $pol = Read-PolFile -Path $Script:UserPolPath
    return [pscustomobject]@{ Pol = $pol }
}

# Get: the backup entry of a row, from the local policy's user part as it is now.
function Get-UserPolicyEntry {
    param($Row, $State)
    $e = Find-PolEntry -Entries $State.Pol -Key ([string]$Row.Path) -Name ([string]$Row.Name)
    # A '**del.<Name>' entry (delete the value) is replaced by Set too: backed up beside it.
    $del = Find-PolEntry -Entries $State.Pol -Key ([string]$Row.Path) -Name ('**del.' + [string]$Row.Name)
    $entry = [ordered]@{ Id = (Get-UserPolicyId -Row $Row); Kind = 'user-registry'; Path = [string]$Row.Path; Name = [string]$Row.Name; Present = ($null -ne $e); Type = 0; Data = ''; DelPresent = ($null -ne $del); DelType = 0; DelData = '' }
    if ($null -ne $e) { $entry.Type = $e.Type; $entry.Data = [Convert]::ToBase64String($e.Data) }
    if ($null -ne $del) { $entry.DelType = $del.Type; $entry.DelData = [Convert]::ToBase64String($del.Data) }
    return $entry
}

# Set: each row's value into the local policy's user part (other entries kept), one write.
function Set-UserPolicies {
    param([object[]]$Rows)
    if (@($Rows).Count -eq 0) { return }
    foreach ($row in $Rows) { Assert-UserPolicyRow -Row $row }
    $pol = New-Object System.Collections.Generic.List[object]
    $current = Read-PolFile -Path $Script:UserPolPath
    foreach ($e in $current) {
        $mine = @($Rows | Where-Object { [string]$_.Path -eq $e.Key -and ([string]$_.Name -eq $e.Name -or ('**del.' + [string]$_.Name) -eq $e.Name) }).Count -gt 0
        if (-not $mine) { $pol.Add($e) }
    }
    foreach ($row in $Rows) {
        $pol.Add([pscustomobject]@{ Key = [string]$row.Path; Name = [string]$row.Name; Type = 4; Data = [BitConverter]::GetBytes([uint32][int64]$row.Data) })
    }
    Write-PolFile -Path $Script:UserPolPath -Entries $pol.ToArray()
    Update-LocalGptIni
}

# The users whose profile is loaded now (HKEY_USERS\<SID>, local and domain accounts S-1-5-21-...,
# Microsoft and Entra accounts S-1-12-1-...): what Group Policy actually wrote for them.
function Get-LoadedUserSids {
    return @(Get-ChildItem -LiteralPath 'Registry::HKEY_USERS' -ErrorAction SilentlyContinue |
            ForEach-Object { $_.PSChildName } |
            Where-Object { $_ -match '^S-1-(5-21|12-1)(-[0-9]+)+\z' })
}

# Test: the local policy's user part holds the row's value AND every loaded user's
# HKU\<SID>\Software\Policies value agrees (the file alone passes right after Apply, before
# any user processed it, and when another policy layer overrides it). With no profile
# loaded, the file's value is only 'configured', never a pass.
function Test-UserPolicyRow {
    param($Row, $State)
    $label = 'HKCU\{0}\{1} (local Group Policy, every user)' -f $Row.Path, $Row.Name
    if (Test-PolicyIgnoredHere -Path $Row.Path) {
        return New-Outcome -Status 'fail' -Label $label -Observed ('not supported on this edition ({0}): Windows Home ignores policy' -f $Script:MachineOs.Edition) -Expected 'an edition that applies policy (Pro, Education, Enterprise)'
    }
    $have = Get-PolDword -Entry (Find-PolEntry -Entries @($State.Pol) -Key ([string]$Row.Path) -Name ([string]$Row.Name))
    $want = [int64]$Row.Data
    if ($have -ne $want) { return New-Outcome -Status 'fail' -Label $label -Observed ('local policy file: {0}' -f (Format-Data -Data $have)) -Expected $want }
    $seen = New-Object System.Collections.Generic.List[string]
    $disagree = 0
    foreach ($sid in (Get-LoadedUserSids)) {
        $user = $null
        try { $user = (Get-ItemProperty -LiteralPath ('Registry::HKEY_USERS\{0}\{1}' -f $sid, $Row.Path) -Name ([string]$Row.Name) -ErrorAction Stop).([string]$Row.Name) } catch { $user = $null }
        # A REG_DWORD reads back as Int32: above 0x7FFFFFFF it is negative, hence the mask.
        if ($null -eq $user -or (([int64]$user) -band 4294967295) -ne $want) { $disagree++ }
        $seen.Add(('{0}={1}' -f $sid, (Format-Data -Data $user)))
    }
    if ($seen.Count -eq 0) {
        return New-Outcome -Status 'configured' -Label $label -Observed ('local policy file: {0}; no user profile loaded to read what users get' -f $have) -Expected $want
    }
    return New-Outcome -Status $(if ($disagree -eq 0) { 'pass' } else { 'fail' }) -Label $label -Observed ('local policy file: {0}; users: {1}' -f $have, ($seen.ToArray() -join ', ')) -Expected $want
}

# Restore: each value back as the first Apply found it (removed when it was absent), then read back.
function Restore-UserPolicies {
    param([object[]]$Entries)
    $errors = New-Object System.Collections.Generic.List[string]
    if (@($Entries).Count -eq 0) { return , $errors.ToArray() }
    try {
        foreach ($e in $Entries) { Assert-UserPolicyRow -Row ([pscustomobject]@{ Path = $e.Path; Name = $e.Name; Type = 'REG_DWORD' }) }
        $pol = New-Object System.Collections.Generic.List[object]
        $current = Read-PolFile -Path $Script:UserPolPath
        foreach ($p in $current) {
            if (@($Entries | Where-Object { [string]$_.Path -eq $p.Key -and ([string]$_.Name -eq $p.Name -or ('**del.' + [string]$_.Name) -eq $p.Name) }).Count -eq 0) { $pol.Add($p) }
        }
        foreach ($e in $Entries) {
            if ($e.DelPresent) { $pol.Add([pscustomobject]@{ Key = [string]$e.Path; Name = ('**del.' + [string]$e.Name); Type = [int]$e.DelType; Data = [Convert]::FromBase64String([string]$e.DelData) }) }
            if ($e.Present) { $pol.Add([pscustomobject]@{ Key = [string]$e.Path; Name = [string]$e.Name; Type = [int]$e.Type; Data = [Convert]::FromBase64String([string]$e.Data) }) }
        }
        Write-PolFile -Path $Script:UserPolPath -Entries $pol.ToArray()
        Update-LocalGptIni
        $now = Read-PolFile -Path $Script:UserPolPath
        foreach ($e in $Entries) {
            $p = Find-PolEntry -Entries $now -Key ([string]$e.Path) -Name ([string]$e.Name)
            $ok = if ($e.Present) { $null -ne $p -and [Convert]::ToBase64String($p.Data) -eq [string]$e.Data -and $p.Type -eq [int]$e.Type } else { $null -eq $p }
            $d = Find-PolEntry -Entries $now -Key ([string]$e.Path) -Name ('**del.' + [string]$e.Name)
            $ok = $ok -and $(if ($e.DelPresent) { $null -ne $d -and [Convert]::ToBase64String($d.Data) -eq [string]$e.DelData -and $d.Type -eq [int]$e.DelType } else { $null -eq $d })
            if (-not $ok) { $errors.Add(('user policy HKCU\{0}\{1}: not restored' -f $e.Path, $e.Name)) }
        }
    } catch { $errors.Add(('user policies: {0}' -f $_)) }
    return , $errors.ToArray()
}

function Format-UserPolicyLabel {
    param($Entry)
    return ('HKCU\{0}\{1} (local Group Policy, every user)' -f $Entry.Path, $Entry.Name)
}

function Format-UserPolicyValue {
    param($Entry)
    if (-not $Entry.Present) { return '(absent)' }
    $bytes = [Convert]::FromBase64String([string]$Entry.Data)
    if ([int]$Entry.Type -eq 4 -and $bytes.Length -eq 4) { return ('REG_DWORD {0}' -f [BitConverter]::ToUInt32($bytes, 0)) }
    return ('type {0}, {1} bytes' -f $Entry.Type, $bytes.Length)
}

# Order 50: after the user rights (40), as Apply has always set them.
Register-SettingKind -Kind 'user-registry' -Id 'Get-UserPolicyId' -Read 'Read-UserPolicyState' -Entry 'Get-UserPolicyEntry' -Apply 'Set-UserPolicies' `
    -Test 'Test-UserPolicyRow' -Restore 'Restore-UserPolicies' -Label 'Format-UserPolicyLabel' -Value 'Format-UserPolicyValue' -Order 50
