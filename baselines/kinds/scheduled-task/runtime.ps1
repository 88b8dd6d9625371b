# ---------------------------------------------------------------- kind: scheduled-task
# A scheduled task's state; the kind's folder is baselines/kinds/scheduled-task/. Rows:
# TaskPath (the folder, '\Microsoft\XblGameSave\'), TaskName, State ('disabled' or
# 'enabled'). Only the task's Enabled flag is read and written, through the Task
# Scheduler's COM API (Schedule.Service): Windows PowerShell 5.1 reaches it without
# importing a module, and it names tasks by folder and name, the same on every language
# of Windows. A task that is not there cannot run: it meets 'disabled'.

# .NET's '$' matches before a final newline: \z keeps anything but a plain name out.
$Script:TaskPathPattern = '^\\([A-Za-z0-9 ._-]+\\)*\z'
$Script:TaskNamePattern = '^[A-Za-z0-9 ._-]+\z'
# HRESULTs of "not there": ERROR_FILE_NOT_FOUND (no such task), ERROR_PATH_NOT_FOUND (no such folder).
$Script:TaskNotFound = @(-2147024894, -2147024893)
$Script:TaskScheduler = $null

function Assert-TaskName {
    param([string]$TaskPath, [string]$TaskName)
    if ($TaskPath -cnotmatch $Script:TaskPathPattern) { throw ('không phải thư mục tác vụ / not a task folder: {0}' -f $TaskPath) }
    if ($TaskName -cnotmatch $Script:TaskNamePattern) { throw ('không phải tên tác vụ / not a task name: {0}' -f $TaskName) }
}

function Get-TaskScheduler {
    if ($null -eq $Script:TaskScheduler) {
        $service = New-Object -ComObject 'Schedule.Service'
        $service.Connect()
        $Script:TaskScheduler = $service
    }
    return $Script:TaskScheduler
}

# Whether an error from the Task Scheduler means "not there". Windows PowerShell 5.1's COM
# invoker turns HRESULT 0x80070002 into FileNotFoundException and 0x80070003 into
# DirectoryNotFoundException, wrapped in MethodInvocationException and
# TargetInvocationException; PowerShell 7 leaves a COMException. So every exception of the
# chain is asked, whatever its type: its HResult, or its being one of those IO exceptions.
function Test-TaskNotFound {
    param([Exception]$Exception)
    for ($e = $Exception; $null -ne $e; $e = $e.InnerException) {
        if ($e -is [System.IO.FileNotFoundException] -or $e -is [System.IO.DirectoryNotFoundException]) { return $true }
        if ($Script:TaskNotFound -contains $e.HResult) { return $true }
    }
    return $false
}

# The registered task (IRegisteredTask), or $null when its folder or the task is not
# there. Anything else (access denied, the service stopped) is thrown.
function Get-RegisteredTask {
    param([string]$TaskPath, [string]$TaskName)
    Assert-TaskName -TaskPath $TaskPath -TaskName $TaskName
    $folder = $TaskPath.TrimEnd('\')
    if ($folder -eq '') { $folder = '\' }
    try {
        return (Get-TaskScheduler).GetFolder($folder).GetTask($TaskName)
    } catch {
        if (Test-TaskNotFound -Exception $_.Exception) { return $null }
        throw
    }
}

# Get: Present, and Enabled when present.
function Get-TaskState {
    param([string]$TaskPath, [string]$TaskName)
    $task = Get-RegisteredTask -TaskPath $TaskPath -TaskName $TaskName
    if ($null -eq $task) { return [pscustomobject]@{ Present = $false; Enabled = $null } }
    return [pscustomobject]@{ Present = $true; Enabled = [bool]$task.Enabled }
}

# Sets the Enabled flag and reads it back from a fresh lookup (the flag the service holds).
function Set-TaskEnabled {
    param([string]$TaskPath, [string]$TaskName, [bool]$Enabled)
    $task = Get-RegisteredTask -TaskPath $TaskPath -TaskName $TaskName
    if ($null -eq $task) { return $false }
    $task.Enabled = $Enabled
    $now = Get-TaskState -TaskPath $TaskPath -TaskName $TaskName
    if ($now.Enabled -ne $Enabled) { throw ('tác vụ {0}{1}: cần Enabled {2}, đọc lại được {3} / task {0}{1}: Enabled {2} expected, {3} found' -f $TaskPath, $TaskName, $Enabled, $now.Enabled) }
    return $true
}

function Get-ScheduledTaskId {
    param($Row)
    return ('scheduled-task|{0}|{1}' -f $Row.TaskPath, $Row.TaskName).ToUpperInvariant()
}

# Get (backup): whether the task was there and enabled before the first Apply.
function Get-ScheduledTaskEntry {
    param($Row, $State)
    $s = Get-TaskState -TaskPath ([string]$Row.TaskPath) -TaskName ([string]$Row.TaskName)
    return [ordered]@{
        Id = (Get-ScheduledTaskId -Row $Row); Kind = 'scheduled-task'; TaskPath = [string]$Row.TaskPath; TaskName = [string]$Row.TaskName
        Present = $s.Present; Enabled = $s.Enabled
    }
}

# Set: a disabled task that is not there is already what the row asks; an enabled one is an error.
function Set-ScheduledTaskRow {
    param($Row)
    if (@('disabled', 'enabled') -cnotcontains [string]$Row.State) { throw ('trạng thái tác vụ không biết / unknown task state: {0}' -f $Row.State) }
    $done = Set-TaskEnabled -TaskPath ([string]$Row.TaskPath) -TaskName ([string]$Row.TaskName) -Enabled ($Row.State -eq 'enabled')
    if (-not $done -and $Row.State -eq 'enabled') { throw ('tác vụ {0}{1} không có trên máy này / task {0}{1} is not on this machine' -f $Row.TaskPath, $Row.TaskName) }
}

# Test: the task's state as the Task Scheduler holds it now.
function Test-ScheduledTaskRow {
    param($Row, $State)
    $label = 'tác vụ lập lịch / scheduled task {0}{1}' -f $Row.TaskPath, $Row.TaskName
    $s = Get-TaskState -TaskPath ([string]$Row.TaskPath) -TaskName ([string]$Row.TaskName)
    if (-not $s.Present) {
        return New-Outcome -Status $(if ($Row.State -eq 'disabled') { 'pass' } else { 'fail' }) -Label $label -Observed 'absent' -Expected ([string]$Row.State)
    }
    $observed = 'disabled'
    if ($s.Enabled) { $observed = 'enabled' }
    return New-Outcome -Status $(if ($observed -eq [string]$Row.State) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected ([string]$Row.State)
}

# Restore: the Enabled flag the task had before the first Apply, read back. A task that
# was not there, or is gone since (a Windows update removed it), has nothing to restore.
function Restore-ScheduledTaskEntry {
    param($Entry)
    if (-not $Entry.Present) { return }
    [void](Set-TaskEnabled -TaskPath ([string]$Entry.TaskPath) -TaskName ([string]$Entry.TaskName) -Enabled ([bool]$Entry.Enabled))
}

# Set: each row, one at a time (one that fails does not stop the others).
function Set-ScheduledTaskRows {
    param([object[]]$Rows)
    return Invoke-Each -Items $Rows -Action 'Set-ScheduledTaskRow' -Label 'Format-ScheduledTaskLabel'
}

# Restore: each entry, one at a time.
function Restore-ScheduledTaskEntries {
    param([object[]]$Entries)
    return Invoke-Each -Items $Entries -Action 'Restore-ScheduledTaskEntry' -Label 'Format-ScheduledTaskLabel'
}

function Format-ScheduledTaskLabel {
    param($Entry)
    return ('tác vụ lập lịch / scheduled task {0}{1}' -f $Entry.TaskPath, $Entry.TaskName)
}

function Format-ScheduledTaskValue {
    param($Entry)
    if (-not $Entry.Present) { return '(không có / absent)' }
    if ($Entry.Enabled) { return 'bật / enabled' }
    return 'tắt / disabled'
}

# Order 70: tasks before services (80), so a task that starts a service (XblGameSaveTask
# starts XblGameSave) is disabled before that service is stopped and cannot start it again.
# NeverCreates: a task that is not there is left so (Set-ScheduledTaskRow).
Register-SettingKind -Kind 'scheduled-task' -Id 'Get-ScheduledTaskId' -Entry 'Get-ScheduledTaskEntry' -Apply 'Set-ScheduledTaskRows' `
    -Test 'Test-ScheduledTaskRow' -Restore 'Restore-ScheduledTaskEntries' -Label 'Format-ScheduledTaskLabel' -Value 'Format-ScheduledTaskValue' -Order 70 -NeverCreates
