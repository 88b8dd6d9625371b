# Check bitlocker-os-volume: BitLocker protection on for the operating system's volume.
function Test-BitlockerOsVolumeCheck {
    param($Row)
    $drive = $env:SystemDrive
    if ($null -ne (Get-Command -Name 'Get-BitLockerVolume' -ErrorAction SilentlyContinue)) {
        $v = Get-BitLockerVolume -MountPoint $drive
        $on = ([string]$v.ProtectionStatus -eq 'On')
        return New-Outcome -Status $(if ($on) { 'pass' } else { 'fail' }) -Label ('BitLocker {0}' -f $drive) -Observed ([string]$v.ProtectionStatus) -Expected 'On'
    }
    $v = Get-CimInstance -Namespace 'root\cimv2\Security\MicrosoftVolumeEncryption' -ClassName 'Win32_EncryptableVolume' |
        Where-Object { $_.DriveLetter -eq $drive } | Select-Object -First 1
    if ($null -eq $v) {
        return New-Outcome -Status 'fail' -Label ('BitLocker {0}' -f $drive) -Observed 'no encryptable volume' -Expected 'On'
    }
    # Win32_EncryptableVolume.ProtectionStatus: 0 off, 1 on, 2 unknown.
    $on = ([int]$v.ProtectionStatus -eq 1)
    return New-Outcome -Status $(if ($on) { 'pass' } else { 'fail' }) -Label ('BitLocker {0}' -f $drive) -Observed ([int]$v.ProtectionStatus) -Expected 1
}

# Apply cannot turn BitLocker on (the recovery key must be kept per the rules): staff do it by hand.
function Show-BitLockerByHand {
    param($Row)
    Write-Say -Vi 'Cần làm bằng tay: bật BitLocker cho ổ hệ điều hành (manage-bde -on C: -RecoveryPassword) và cất khóa khôi phục theo quy chế.' `
        -En 'By hand: turn BitLocker on for the OS volume (manage-bde -on C: -RecoveryPassword) and keep the recovery key per the rules.' -Color Yellow
}

Register-Check -Name 'bitlocker-os-volume' -Test 'Test-BitlockerOsVolumeCheck' -ByHand 'Show-BitLockerByHand'
