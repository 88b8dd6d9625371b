# Check vbs-running: Virtualization-based security running, with memory integrity unless the inventory holds
# it back (Win32_DeviceGuard); a machine without the hardware is 'not capable', not 'off'.
function Test-VbsRunningCheck {
    param($Row)
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

Register-Check -Name 'vbs-running' -Test 'Test-VbsRunningCheck'
