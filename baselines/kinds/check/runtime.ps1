# ---------------------------------------------------------------- kind: check
# What the toolkit cannot set but must verify; the kind's folder is baselines/kinds/check/.
# Rows: Check (the check's name) and its expected values, each a column (row.ts). Each
# check is one file, checks/<name>.ps1, that registers its Test, and where staff must act
# by hand, what Apply tells them (ByHand, through the kind's Remind), with Register-Check. Apply changes nothing for
# a check and backs nothing up; Undo has nothing to restore.

$Script:Checks = @{}

function Register-Check {
    param([string]$Name, [string]$Test, [string]$ByHand)
    foreach ($fn in @($Test, $ByHand)) {
        if ([string]::IsNullOrEmpty($fn)) { continue }
        if ($null -eq (Get-Command -Name $fn -CommandType Function -ErrorAction SilentlyContinue)) {
            Stop-WithMessage -Vi ('Gói bị hỏng: phép kiểm tra {0} thiếu hàm "{1}". Tạo lại gói. Chưa thay đổi gì.' -f $Name, $fn) `
                -En ('The bundle is broken: check {0} lacks the function "{1}". Generate the bundle again. Nothing was changed.' -f $Name, $fn)
        }
    }
    if ([string]::IsNullOrEmpty($Test)) {
        Stop-WithMessage -Vi ('Gói bị hỏng: phép kiểm tra {0} không có hàm kiểm tra. Chưa thay đổi gì.' -f $Name) `
            -En ('The bundle is broken: check {0} has no Test function. Nothing was changed.' -f $Name)
    }
    $Script:Checks[$Name] = [pscustomobject]@{ Name = $Name; Test = $Test; ByHand = $ByHand }
}

# A check's registered functions; a name no file registered (a newer bundle's) is an error of that row.
function Get-CheckHandlers {
    param($Row)
    $name = [string]$Row.Check
    if (-not $Script:Checks.ContainsKey($name)) { throw ('phép kiểm tra không biết / unknown check {0}' -f $name) }
    return $Script:Checks[$name]
}

# The row's columns, so two rows of one check (two products) have two identities. A check
# is never backed up: an entry of kind check (a JSON object, not a row) has no identity, so
# Undo skips it instead of failing on its missing Keys.
function Get-CheckId {
    param($Row)
    if ($Row -isnot [System.Collections.IDictionary]) { return $null }
    $parts = @('check')
    foreach ($k in @($Row.Keys)) {
        if (@('Controls', 'Kind') -contains [string]$k) { continue }
        $parts += ('{0}={1}' -f $k, (@($Row[$k]) -join ','))
    }
    return ($parts -join '|').ToUpperInvariant()
}

# Get: nothing to back up.
function Get-CheckEntry {
    param($Row, $State)
}

function Assert-CheckRow {
    param($Row)
    $null = Get-CheckHandlers -Row $Row
}

# Set: nothing to set; a check no file registered is an error in Apply's list, the others go on.
function Assert-CheckRows {
    param([object[]]$Rows)
    return Invoke-Each -Items $Rows -Action 'Assert-CheckRow' -Label 'Format-CheckLabel'
}

function Show-CheckReminder {
    param($Row)
    $handlers = Get-CheckHandlers -Row $Row
    if (-not [string]::IsNullOrEmpty($handlers.ByHand)) { & $handlers.ByHand -Row $Row }
}

# Remind: what staff must do by hand, where the check has such a step (Apply prints it last,
# before checking again); one unknown check does not stop the others' messages.
function Show-CheckReminders {
    param([object[]]$Rows)
    return Invoke-Each -Items $Rows -Action 'Show-CheckReminder' -Label 'Format-CheckLabel'
}

function Test-CheckRow {
    param($Row, $State)
    $handlers = Get-CheckHandlers -Row $Row
    return & $handlers.Test -Row $Row
}

# Restore: nothing (a check is never backed up).
function Restore-CheckEntries {
    param([object[]]$Entries)
}

function Format-CheckLabel {
    param($Entry)
    return ('kiểm tra / check {0}' -f $Entry.Check)
}

function Format-CheckValue {
    param($Entry)
    return ''
}

# Order 90: last among the kinds.
Register-SettingKind -Kind 'check' -Id 'Get-CheckId' -Entry 'Get-CheckEntry' -Apply 'Assert-CheckRows' `
    -Test 'Test-CheckRow' -Restore 'Restore-CheckEntries' -Label 'Format-CheckLabel' -Value 'Format-CheckValue' `
    -Remind 'Show-CheckReminders' -Order 90
