# ---------------------------------------------------------------- kind: service
# A Windows service's start type; the kind's folder is baselines/kinds/service/. Rows:
# Name (the service's key name, never its localized display name), Startup ('disabled',
# 'manual' or 'automatic'). Read from the service's registry key, set through the
# service controller (sc.exe for delayed start), so Windows notifies the service manager.
# Get-ServiceByName is also what the firewall check asks about MpsSvc.
# Services only, never drivers: the service controller's GetServices() does not list
# drivers, and their boot and system start types (0, 1) are not this kind's; a row naming
# a driver (the key's Type 1 or 2) is refused when its state is read.

# sc.exe by full path: a writable folder early in PATH must not supply its own.
$Script:ScExe = Join-Path $Script:System32 'sc.exe'

# .NET's '$' matches before a final newline: \z keeps anything but a plain name out.
$Script:ServiceNamePattern = '^[A-Za-z0-9_.-]+\z'

# A service by its exact name (Get-Service -Name would expand wildcards).
function Get-ServiceByName {
    param([string]$Name)
    return [System.ServiceProcess.ServiceController]::GetServices() |
        Where-Object { $_.ServiceName -eq $Name } | Select-Object -First 1
}

function Assert-ServiceName {
    param([string]$Name)
    if ($Name -cnotmatch $Script:ServiceNamePattern) { throw ('không phải tên dịch vụ / not a service name: {0}' -f $Name) }
}

$Script:StartNames = @{ 2 = 'automatic'; 3 = 'manual'; 4 = 'disabled' }
$Script:StartCodes = @{ automatic = 2; manual = 3; disabled = 4 }
# SERVICE_KERNEL_DRIVER 1, SERVICE_FILE_SYSTEM_DRIVER 2 (the key's Type bits).
$Script:DriverTypes = 3
# How long Apply waits for a service being disabled to stop; after that it stops at the restart.
$Script:StopTimeout = [TimeSpan]::FromSeconds(30)

function Get-ServiceState {
    param([string]$Name)
    Assert-ServiceName -Name $Name
    $state = [ordered]@{ Present = $false; Start = $null; DelayedAutostart = $null }
    $key = $Script:Hklm.OpenSubKey(('SYSTEM\CurrentControlSet\Services\{0}' -f $Name))
    if ($null -eq $key) { return $state }
    try {
        $start = $key.GetValue('Start')
        if ($null -eq $start) { return $state }
        $type = $key.GetValue('Type')
        if ($null -ne $type -and ([int]$type -band $Script:DriverTypes) -ne 0) {
            throw ('{0} là trình điều khiển (driver), không phải dịch vụ: loại thiết lập service không đặt nó / {0} is a driver, not a service: the service kind does not set it' -f $Name)
        }
        $state.Present = $true
        $state.Start = [int]$start
        $delayed = $key.GetValue('DelayedAutostart')
        if ($null -ne $delayed) { $state.DelayedAutostart = [int]$delayed }
        return $state
    } finally { $key.Close() }
}

function Set-ServiceStart {
    param([string]$Name, [int]$Start, $DelayedAutostart)
    Assert-ServiceName -Name $Name
    $svc = Get-ServiceByName -Name $Name
    if ($null -eq $svc) { return }
    if ($Start -eq 2 -and $null -ne $DelayedAutostart -and [int]$DelayedAutostart -eq 1) {
        $r = Invoke-Native -FilePath $Script:ScExe -Arguments @('config', $Name, 'start=', 'delayed-auto')
        if ($r.ExitCode -ne 0) { throw ('sc.exe config {0} không thành công / failed: {1}' -f $Name, $r.Output) }
        return
    }
    switch ($Start) {
        2 { Set-Service -InputObject $svc -StartupType Automatic }
        3 { Set-Service -InputObject $svc -StartupType Manual }
        4 { Set-Service -InputObject $svc -StartupType Disabled }
        # Boot and system start (0, 1) are drivers', which this kind refuses (Get-ServiceState).
        default { throw ('dịch vụ {0}: kiểu khởi động không biết / service {0}: unknown start type {1}' -f $Name, $Start) }
    }
}

function Get-ServiceId {
    param($Row)
    return ('service|{0}' -f $Row.Name).ToUpperInvariant()
}

# Get (backup): the start type (and delayed start) before the first Apply.
function Get-ServiceEntry {
    param($Row, $State)
    $s = Get-ServiceState -Name ([string]$Row.Name)
    return [ordered]@{
        Id = (Get-ServiceId -Row $Row); Kind = 'service'; Name = [string]$Row.Name
        Present = $s.Present; Start = $s.Start; DelayedAutostart = $s.DelayedAutostart
    }
}

# Set: the start type; a service being disabled is stopped too. One that is not there is left so.
function Set-ServiceRow {
    param($Row)
    if (-not $Script:StartCodes.ContainsKey([string]$Row.Startup)) { throw ('kiểu khởi động không biết / unknown start type: {0}' -f $Row.Startup) }
    $svc = Get-ServiceByName -Name ([string]$Row.Name)
    if ($null -eq $svc) { return }
    Set-ServiceStart -Name ([string]$Row.Name) -Start $Script:StartCodes[[string]$Row.Startup] -DelayedAutostart $null
    if ($Row.Startup -eq 'disabled' -and $svc.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Stopped) {
        Stop-ServiceWithin -Service $svc
    }
}

# Stops a service, waiting $Script:StopTimeout at most (Stop-Service -Force has no timeout
# and hangs Apply on a service that does not answer). One still running then is disabled
# already: it stays stopped from the next restart, which is said, not an error.
function Stop-ServiceWithin {
    param([System.ServiceProcess.ServiceController]$Service)
    $Service.Refresh()
    if ($Service.Status -ne [System.ServiceProcess.ServiceControllerStatus]::StopPending) { $Service.Stop() }
    $timedOut = $false
    try {
        $Service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Stopped, $Script:StopTimeout)
    } catch {
        # PowerShell wraps the .NET exception (MethodInvocationException): look along the chain.
        for ($e = $_.Exception; $null -ne $e; $e = $e.InnerException) { if ($e -is [System.ServiceProcess.TimeoutException]) { $timedOut = $true } }
        if (-not $timedOut) { throw }
    }
    if ($timedOut) {
        Write-Say -Vi ('Dịch vụ {0} đã bị tắt nhưng chưa dừng sau {1} giây: nó sẽ không chạy nữa sau khi khởi động lại máy.' -f $Service.ServiceName, $Script:StopTimeout.TotalSeconds) `
            -En ('Service {0} is disabled but had not stopped after {1} seconds: it takes effect after the machine restarts.' -f $Service.ServiceName, $Script:StopTimeout.TotalSeconds) -Color Yellow
    }
}

# Test: the start type the service's key holds now.
function Test-ServiceRow {
    param($Row, $State)
    $state = Get-ServiceState -Name $Row.Name
    $want = $Script:StartCodes[[string]$Row.Startup]
    $label = 'dịch vụ / service {0}' -f $Row.Name
    if (-not $state.Present) {
        # A service that does not exist cannot run: that is what "disabled" asks.
        $ok = ($Row.Startup -eq 'disabled')
        return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed 'absent' -Expected $Row.Startup
    }
    $observed = [string]$state.Start
    if ($Script:StartNames.ContainsKey($state.Start)) { $observed = $Script:StartNames[$state.Start] }
    return New-Outcome -Status $(if ($state.Start -eq $want) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected $Row.Startup
}

# Restore: the start type (and delayed start) of before the first Apply; a service that
# was not there then has nothing to restore.
function Restore-ServiceEntry {
    param($Entry)
    if ($Entry.Present) { Set-ServiceStart -Name ([string]$Entry.Name) -Start ([int]$Entry.Start) -DelayedAutostart $Entry.DelayedAutostart }
}

# Set: each row, one at a time (one that fails does not stop the others).
function Set-ServiceRows {
    param([object[]]$Rows)
    return Invoke-Each -Items $Rows -Action 'Set-ServiceRow' -Label 'Format-ServiceLabel'
}

# Restore: each entry, one at a time.
function Restore-ServiceEntries {
    param([object[]]$Entries)
    return Invoke-Each -Items $Entries -Action 'Restore-ServiceEntry' -Label 'Format-ServiceLabel'
}

function Format-ServiceLabel {
    param($Entry)
    return ('dịch vụ / service {0}' -f $Entry.Name)
}

function Format-ServiceValue {
    param($Entry)
    if ($Entry.Present) { return ('khởi động / start {0}' -f $Entry.Start) }
    return '(không có / absent)'
}

# Order 80: after scheduled tasks (70), which may start services.
# NeverCreates: a service that is not there is left so (Set-ServiceRow).
Register-SettingKind -Kind 'service' -Id 'Get-ServiceId' -Entry 'Get-ServiceEntry' -Apply 'Set-ServiceRows' `
    -Test 'Test-ServiceRow' -Restore 'Restore-ServiceEntries' -Label 'Format-ServiceLabel' -Value 'Format-ServiceValue' -Order 80 -NeverCreates
