# ---------------------------------------------------------------- kind: registry-clear
# A machine registry key the bundle owns whole; the kind's folder is
# baselines/kinds/registry-clear/. Rows: Path (the key under HKLM) and Keep (the values
# the bundle sets in it, computed when the bundle was generated): every other value in
# the key is deleted. Its backup entries are the registry kind's (one per value found in
# the key), so the registry kind restores them; this kind owns them (Test-RegistryClearOwns).

function Get-RegistryClearId {
    param($Row)
    return ('registry-clear|{0}' -f $Row.Path).ToUpperInvariant()
}

# Get (backup): every value now in the key, as registry entries.
function Get-RegistryClearEntry {
    param($Row, $State)
    return @(Get-RegistryValueNames -Path ([string]$Row.Path) | ForEach-Object { New-RegistryEntry -Path ([string]$Row.Path) -Name $_ })
}

function Clear-RegistryRow {
    param($Row)
    $keep = @($Row.Keep)
    foreach ($name in @(Get-RegistryValueNames -Path ([string]$Row.Path))) {
        if ($keep -contains $name) { continue }
        Remove-RegistryData -Path ([string]$Row.Path) -Name $name
    }
}

# Set: each key emptied of the values the bundle does not set (the registry kind, after, writes those it does).
function Clear-RegistryRows {
    param([object[]]$Rows)
    return Invoke-Each -Items $Rows -Action 'Clear-RegistryRow' -Label 'Format-RegistryClearLabel'
}

# Test: no value in the key that the bundle does not set.
function Test-RegistryClearRow {
    param($Row, $State)
    $keep = @($Row.Keep)
    $extra = @(Get-RegistryValueNames -Path ([string]$Row.Path) | Where-Object { $keep -notcontains $_ })
    $observed = 'none'
    if ($extra.Count -gt 0) { $observed = ($extra -join ', ') }
    return New-Outcome -Status $(if ($extra.Count -eq 0) { 'pass' } else { 'fail' }) -Label ('HKLM\{0}: values not in the bundle' -f $Row.Path) -Observed $observed -Expected 'none'
}

# Restore: nothing of its own; the values it deleted are registry entries, restored by that kind.
function Restore-RegistryClearEntries {
    param([object[]]$Entries)
    return , @()
}

# Owns: a backup entry of a value in the key (Undo puts back what Apply deleted there).
function Test-RegistryClearOwns {
    param($Row, $Entry)
    return ([string]$Entry.Kind -eq 'registry' -and ([string]$Entry.Path).ToUpperInvariant() -eq ([string]$Row.Path).ToUpperInvariant())
}

function Format-RegistryClearLabel {
    param($Entry)
    return ('HKLM\{0}' -f $Entry.Path)
}

function Format-RegistryClearValue {
    param($Entry)
    return ('giữ / keeps {0}' -f (@($Entry.Keep) -join ', '))
}

# Order 10: first, so the registry kind (20) writes the bundle's values into emptied keys.
Register-SettingKind -Kind 'registry-clear' -Id 'Get-RegistryClearId' -Entry 'Get-RegistryClearEntry' -Apply 'Clear-RegistryRows' `
    -Test 'Test-RegistryClearRow' -Restore 'Restore-RegistryClearEntries' -Label 'Format-RegistryClearLabel' -Value 'Format-RegistryClearValue' `
    -Order 10 -Owns 'Test-RegistryClearOwns'
