# ---------------------------------------------------------------- kind: secedit
# Values of the security policy's [System Access] section; the kind's folder is
# baselines/kinds/secedit/. Rows: Key, Value (a number or a name), Compare ('eq', 'min',
# 'max'), and where the setting declares them, Strongest (a number 'min' accepts too),
# DefaultIfAbsent (what Undo writes when the export had left the value out) and
# RenamesAccountRid (read by Apply's rename warning). Read and written with secedit.exe;
# its export and template helpers are the user-right kind's too.

# Tools by full path: a writable folder early in PATH must not supply its own secedit.
$Script:SeceditExe = Join-Path $Script:System32 'secedit.exe'

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

function Get-SeceditId {
    param($Row)
    return ('secedit|{0}' -f $Row.Key).ToUpperInvariant()
}

# Read: [System Access] as secedit exports it, the local policy (Apply's backup) or,
# with -Merged, the effective one (Test).
function Read-SeceditState {
    param([switch]$Merged)
    return Read-SeceditValues -Merged:$Merged
}

# Whether Apply leaves the row's local value as it is: an "at least" or "at most" value that
# already meets the row (a password length of 16 where 14 is asked, a lockout of -1) is
# stronger than the row's number, which would weaken it.
function Test-SeceditAlreadyMet {
    param($Row, $State)
    if (@('min', 'max') -notcontains [string]$Row.Compare) { return $false }
    return ((Test-SeceditRow -Row $Row -State $State).Status -eq 'pass')
}

# Get (backup): the value before the first Apply; IsString keeps a name a name on Undo.
# Untouched: Apply leaves this value as it is (Test-SeceditAlreadyMet), so Undo does not
# write it back, and a later Apply that changes it takes the entry again (Save-Backup).
function Get-SeceditEntry {
    param($Row, $State)
    $present = $State.ContainsKey($Row.Key)
    $value = $null
    if ($present) { $value = $State[$Row.Key] }
    return [ordered]@{
        Id = (Get-SeceditId -Row $Row); Kind = 'secedit'; Key = $Row.Key
        Present = $present; Value = $value; IsString = ($Row.Value -is [string])
        Untouched = (Test-SeceditAlreadyMet -Row $Row -State $State)
    }
}

# Set: every row in one secedit run, but those whose local value already meets them.
function Set-SeceditRows {
    param([object[]]$Rows)
    $now = Read-SeceditValues
    $values = [ordered]@{}
    foreach ($row in $Rows) {
        if (Test-SeceditAlreadyMet -Row $row -State $now) { continue }
        $values[[string]$row.Key] = $row.Value
    }
    Invoke-SeceditConfigure -Values $values
}

# Test: the effective value, compared as the row says.
function Test-SeceditRow {
    param($Row, $State)
    $label = [string]$Row.Key
    $has = $State.ContainsKey($Row.Key)
    $observed = $null
    if ($has) { $observed = $State[$Row.Key] }
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
            # At least: more is stronger, and so is the value the setting declares strongest
            # (a lockout duration of -1: locked until an administrator unlocks the account).
            'min' { $ok = ($number -ge $want -or ($Row.Contains('Strongest') -and $number -eq [int64]$Row.Strongest)); $expected = ('>= {0}' -f $want) }
            # At most, where 0 or less means "never" (no lockout, no expiry): fails.
            'max' { $ok = ($number -le $want -and $number -gt 0); $expected = ('<= {0} (not 0)' -f $want) }
        }
    } elseif ($Row.Compare -eq 'min') { $expected = ('>= {0}' -f $want) } elseif ($Row.Compare -eq 'max') { $expected = ('<= {0} (not 0)' -f $want) }
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed $number -Expected $expected
}

# Restore: every value back in one secedit run, then read back (secedit can report success
# and leave a value unchanged). A value the export had left out before Apply is given the
# default its setting declares (DefaultIfAbsent), or left as it is; read back, the export
# may leave it out again, which is the state Apply found, not an error.
function Restore-SeceditEntries {
    param([object[]]$Entries)
    $errors = New-Object System.Collections.Generic.List[string]
    $values = [ordered]@{}
    $defaulted = @{}
    # One entry that cannot be read back (a value that is no number, its plan row failing)
    # is one error; the other values are still restored.
    foreach ($e in $Entries) {
        try {
            # A value Apply left as it was is not written back (whatever it is now).
            if (Test-EntryUntouched -Entry $e) { continue }
            $key = [string]$e.Key
            if ($e.Present) {
                if ($e.IsString) { $values[$key] = [string]$e.Value } else { $values[$key] = [int64]$e.Value }
                continue
            }
            $row = Get-PlanRow -Entry $e
            if ($null -ne $row -and $row.Contains('DefaultIfAbsent')) {
                $values[$key] = [int64]$row.DefaultIfAbsent
                $defaulted[$key] = $true
            }
        } catch { $errors.Add(('{0}: {1}' -f (Format-SeceditLabel -Entry $e), $_)) }
    }
    if ($values.Count -eq 0) { return , $errors.ToArray() }
    Invoke-SeceditConfigure -Values $values
    $now = Read-SeceditValues
    foreach ($k in @($values.Keys)) {
        if ($defaulted.ContainsKey($k) -and -not $now.ContainsKey($k)) { continue }
        if ([string]$now[$k] -ne [string]$values[$k]) {
            $errors.Add(('secedit {0}: {1} expected, {2} found' -f $k, $values[$k], $now[$k]))
        }
    }
    return , $errors.ToArray()
}

function Format-SeceditLabel {
    param($Entry)
    return ('[System Access] {0}' -f $Entry.Key)
}

function Format-SeceditValue {
    param($Entry)
    if ($Entry.Present) { return [string]$Entry.Value }
    return '(absent)'
}

# Order 30: after the registry (10, 20), as Apply has always set them.
Register-SettingKind -Kind 'secedit' -Id 'Get-SeceditId' -Read 'Read-SeceditState' -Entry 'Get-SeceditEntry' -Apply 'Set-SeceditRows' `
    -Test 'Test-SeceditRow' -Restore 'Restore-SeceditEntries' -Label 'Format-SeceditLabel' -Value 'Format-SeceditValue' -Order 30
