# Check defender-realtime: Microsoft Defender's real-time protection on
# (Get-MpComputerStatus). The anti-malware control declares its checks alternatives: Defender or an approved product, one is enough.
function Test-DefenderRealtimeCheck {
    param($Row)
    if ($null -eq (Get-Command -Name 'Get-MpComputerStatus' -ErrorAction SilentlyContinue)) {
        return New-Outcome -Status 'fail' -Label 'Microsoft Defender' -Observed 'not installed' -Expected 'real-time protection on'
    }
    $s = Get-MpComputerStatus
    $on = [bool]$s.AntivirusEnabled -and [bool]$s.RealTimeProtectionEnabled
    $observed = 'AntivirusEnabled={0}; RealTimeProtectionEnabled={1}' -f $s.AntivirusEnabled, $s.RealTimeProtectionEnabled
    return New-Outcome -Status $(if ($on) { 'pass' } else { 'fail' }) -Label 'Microsoft Defender' -Observed $observed -Expected 'real-time protection on'
}

Register-Check -Name 'defender-realtime' -Test 'Test-DefenderRealtimeCheck'
