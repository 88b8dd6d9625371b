# Check device-class-off: No present device of a device setup class (ClassGuid) working.
function Test-DeviceClassOffCheck {
    param($Row)
    $guid = [string]$Row.ClassGuid
    if ($guid -notmatch $Script:GuidPattern) { throw ('not a device class GUID: {0}' -f $guid) }
    # Working: Status OK and ConfigManagerErrorCode 0. Disabled (22), refused by policy,
    # or not present (Win32_PnPEntity lists those too, code 45) is off. The GUID is
    # compared as text (case-insensitive), never put into a query.
    $working = @(Get-CimInstance -ClassName Win32_PnPEntity | Where-Object {
            [string]$_.ClassGuid -eq $guid -and [string]$_.Status -eq 'OK' -and
            $null -ne $_.ConfigManagerErrorCode -and [int]$_.ConfigManagerErrorCode -eq 0
        } | ForEach-Object { [string]$_.PNPDeviceID } | Sort-Object)
    $observed = 'none'
    if ($working.Count -gt 0) { $observed = ('{0} working: {1}' -f $working.Count, ($working -join ', ')) }
    return New-Outcome -Status $(if ($working.Count -eq 0) { 'pass' } else { 'fail' }) `
        -Label ('{0} devices {1}' -f $Row.ClassName, $guid) -Observed $observed -Expected 'none working'
}

# Windows removes devices of a denied class when it applies the policy, possibly only at the
# restart: staff check again then, and remove what still works by hand.
function Show-DeviceClassByHand {
    param($Row)
    Write-Say -Vi ('Thiết bị {0} đã cài bị gỡ khi Windows áp dụng chính sách (có thể sau khi khởi động lại). Sau khi khởi động lại, chạy Test-Baseline.ps1: nếu còn thiết bị {0} hoạt động, gỡ nó trong Device Manager hoặc tắt trong BIOS/UEFI.' -f $Row.ClassName) `
        -En ('Installed {0} devices are removed when Windows applies the policy (possibly only after a restart). After restarting, run Test-Baseline.ps1: if a {0} device still works, uninstall it in Device Manager or switch it off in BIOS/UEFI.' -f $Row.ClassName) -Color Yellow
}

Register-Check -Name 'device-class-off' -Test 'Test-DeviceClassOffCheck' -ByHand 'Show-DeviceClassByHand'
