# Check lsa-protected: LSASS started as a protected process since the last boot (Wininit event 12).
function Test-LsaProtectedCheck {
    param($Row)
    # Wininit logs event 12 ("LSASS.exe was started as a protected process") at each
    # boot where LSA protection took: the real state, not the registry value. A System
    # log that no longer reaches back to the boot cannot tell.
    $label = 'LSA protection (Wininit event 12 since boot)'
    $expected = 'LSASS started as a protected process'
    $boot = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime
    $started = Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-Wininit'; Id = 12; StartTime = $boot } -MaxEvents 1 -ErrorAction SilentlyContinue
    if ($null -ne $started) { return New-Outcome -Status 'pass' -Label $label -Observed ('event 12 at {0}' -f $started.TimeCreated.ToString('s', $Script:Invariant)) -Expected $expected }
    $oldest = Get-WinEvent -LogName 'System' -Oldest -MaxEvents 1 -ErrorAction SilentlyContinue
    if ($null -ne $oldest -and $oldest.TimeCreated -gt $boot) {
        return New-Outcome -Status 'error' -Label $label -Observed 'the System log no longer reaches back to the last boot' -Expected $expected
    }
    return New-Outcome -Status 'fail' -Label $label -Observed 'no event 12 since the last boot (restart after Apply, or LSA protection did not start)' -Expected $expected
}

Register-Check -Name 'lsa-protected' -Test 'Test-LsaProtectedCheck'
