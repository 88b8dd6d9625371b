# ---------------------------------------------------------------- kind: audit
# Advanced audit policy subcategories; the kind's folder is baselines/kinds/audit/. Rows:
# Guid (lower case, in braces), Subcategory (its English name, a label only), Value (1
# success, 2 failure, 3 both: what must at least be enabled, merged across the controls
# when the bundle was generated). Read and set with auditpol.exe, matched by GUID, so a
# localized Windows reads the same as an English one.

$Script:AuditpolExe = Join-Path $Script:System32 'auditpol.exe'

# Subcategory GUID (lower case) -> setting value 0..3, from `auditpol /backup`: the CSV
# columns are read by position and rows matched by GUID, so a localized Windows reads
# the same as an English one.
function Read-AuditPolicy {
    # -Merged as every kind's Read takes it: the audit policy has one state only.
    param([switch]$Merged)
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

function Get-AuditId {
    param($Row)
    return ('audit|{0}' -f $Row.Guid).ToUpperInvariant()
}

# Get (backup): the subcategory's setting (0..3) before the first Apply.
function Get-AuditEntry {
    param($Row, $State)
    $value = 0
    if ($State.ContainsKey([string]$Row.Guid)) { $value = [int]$State[[string]$Row.Guid] }
    return [ordered]@{ Id = (Get-AuditId -Row $Row); Kind = 'audit'; Guid = [string]$Row.Guid; Value = $value }
}

function Set-AuditRow {
    param($Row)
    Set-AuditSubcategory -Guid $Row.Guid -Value ([int]$Row.Value)
}

# Set: each subcategory, at least what the row asks (the others' bits left as they are).
function Set-AuditRows {
    param([object[]]$Rows)
    return Invoke-Each -Items $Rows -Action 'Set-AuditRow' -Label 'Format-AuditLabel'
}

# Test: at least the row's bits are enabled.
function Test-AuditRow {
    param($Row, $State)
    $have = 0
    if ($State.ContainsKey([string]$Row.Guid)) { $have = [int]$State[[string]$Row.Guid] }
    $want = [int]$Row.Value
    $ok = (($have -band $want) -eq $want)
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label ('audit {0} {1}' -f $Row.Subcategory, $Row.Guid) -Observed $have -Expected ('includes {0}' -f $want)
}

function Restore-AuditEntry {
    param($Entry)
    Set-AuditSubcategory -Guid $Entry.Guid -Value ([int]$Entry.Value) -Exact
}

# Restore: each subcategory exactly as the first Apply found it.
function Restore-AuditEntries {
    param([object[]]$Entries)
    return Invoke-Each -Items $Entries -Action 'Restore-AuditEntry' -Label 'Format-AuditLabel'
}

function Format-AuditLabel {
    param($Entry)
    return ('audit {0}' -f $Entry.Guid)
}

function Format-AuditValue {
    param($Entry)
    return [string]$Entry.Value
}

# Order 60: after the user policies (50), as Apply has always set them.
Register-SettingKind -Kind 'audit' -Id 'Get-AuditId' -Read 'Read-AuditPolicy' -Entry 'Get-AuditEntry' -Apply 'Set-AuditRows' `
    -Test 'Test-AuditRow' -Restore 'Restore-AuditEntries' -Label 'Format-AuditLabel' -Value 'Format-AuditValue' -Order 60
