# ---------------------------------------------------------------- kind: service
# A Windows service's start type; the kind's folder is baselines/kinds/service/. Rows:
# Name (the service's key name, never its localized display name), Startup ('disabled',
# 'manual' or 'automatic'). Read from the service's registry key, set through the
# service controller (sc.exe for delayed start), so Windows notifies the service manager.
# Get-ServiceByName is also what the firewall check asks about MpsSvc.

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
    if ($Name -cnotmatch $Script:ServiceNamePattern) { throw ('not a service name: {0}' -f $Name) }
}

$Script:StartNames = @{ 2 = 'automatic'; 3 = 'manual'; 4 = 'disabled' }
$Script:StartCodes = @{ automatic = 2; manual = 3; disabled = 4 }

function Get-ServiceState {
    param([string]$Name)
    Assert-ServiceName -Name $Name
    $state = [ordered]@{ Present = $false; Start = $null; DelayedAutostart = $null }
    $key = $Script:Hklm.OpenSubKey(('SYSTEM\CurrentControlSet\Services\{0}' -f $Name))
    if ($null -eq $key) { return $state }
    try {
        $start = $key.GetValue('Start')
        if ($null -eq $start) { return $state }
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
        if ($r.ExitCode -ne 0) { throw ('sc.exe config {0} failed: {1}' -f $Name, $r.Output) }
        return
    }
    switch ($Start) {
        2 { Set-Service -InputObject $svc -StartupType Automatic }
        3 { Set-Service -InputObject $svc -StartupType Manual }
        4 { Set-Service -InputObject $svc -StartupType Disabled }
        default {
            # Boot and system start (0, 1) belong to drivers; written back as they were.
            $key = $Script:Hklm.OpenSubKey(('SYSTEM\CurrentControlSet\Services\{0}' -f $Name), $true)
            try { $key.SetValue('Start', $Start, [Microsoft.Win32.RegistryValueKind]::DWord) } finally { $key.Close() }
        }
    }
}

function Get-ServiceId {
    param($Row)
    return ('service|{0}' -f $Row.Name).ToUpperInvariant()
}

# Get (backup): the start type (and delayed start) before the first Apply.
function Get-ServiceEntry {
    param($Row)
    $s = Get-ServiceState -Name ([string]$Row.Name)
    return [ordered]@{
        Id = (Get-ServiceId -Row $Row); Kind = 'service'; Name = [string]$Row.Name
        Present = $s.Present; Start = $s.Start; DelayedAutostart = $s.DelayedAutostart
    }
}

# Set: the start type; a service being disabled is stopped too. One that is not there is left so.
function Set-ServiceRow {
    param($Row)
    if (-not $Script:StartCodes.ContainsKey([string]$Row.Startup)) { throw ('unknown start type {0}' -f $Row.Startup) }
    $svc = Get-ServiceByName -Name ([string]$Row.Name)
    if ($null -eq $svc) { return }
    Set-ServiceStart -Name ([string]$Row.Name) -Start $Script:StartCodes[[string]$Row.Startup] -DelayedAutostart $null
    if ($Row.Startup -eq 'disabled' -and $svc.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Stopped) {
        Stop-Service -InputObject $svc -Force
    }
}

# Test: the start type the service's key holds now.
function Test-ServiceRow {
    param($Row)
    $state = Get-ServiceState -Name $Row.Name
    $want = $Script:StartCodes[[string]$Row.Startup]
    $label = 'service {0}' -f $Row.Name
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

function Format-ServiceLabel {
    param($Entry)
    return ('service {0}' -f $Entry.Name)
}

function Format-ServiceValue {
    param($Entry)
    if ($Entry.Present) { return ('start {0}' -f $Entry.Start) }
    return '(absent)'
}

Register-SettingKind -Kind 'service' -Id 'Get-ServiceId' -Entry 'Get-ServiceEntry' -Apply 'Set-ServiceRow' `
    -Test 'Test-ServiceRow' -Restore 'Restore-ServiceEntry' -Label 'Format-ServiceLabel' -Value 'Format-ServiceValue'
