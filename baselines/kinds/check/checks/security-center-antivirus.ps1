# Check security-center-antivirus: A third-party anti-malware as Windows Security Center sees it (root\SecurityCenter2
# AntiVirusProduct): the inventory's vendor registered, enabled, its signatures up to date,
# and its licence valid today.
function Test-SecurityCenterAntivirusCheck {
    param($Row)
    # Windows Security Center, where every anti-malware registers (not one service
    # name, which changes between versions). productState bits 12-15: state (1 on),
    # 0x10 signatures out of date. The vendor is the first word of both names.
    $label = [string]$Row.Product
    $until = [datetime]::ParseExact([string]$Row.LicensedUntil, 'yyyy-MM-dd', $Script:Invariant)
    $licensed = (Get-Date).Date -le $until
    $vendor = ([string]$Row.Product).Trim().Split(' ')[0]
    $seen = New-Object System.Collections.Generic.List[string]
    $ok = $false
    foreach ($p in @(Get-CimInstance -Namespace 'root\SecurityCenter2' -ClassName 'AntiVirusProduct')) {
        $name = [string]$p.displayName
        $state = [int64]$p.productState
        # Bits 12-15 are the state: 1 on; 0 off, 2 snoozed, 3 expired (none of them protect).
        $enabled = ((($state -shr 12) -band 0xF) -eq 1)
        $current = ($state -band 0x10) -eq 0
        $seen.Add(('{0}: enabled={1}, up to date={2}' -f $name, $enabled, $current))
        if ($name.Trim().Split(' ')[0] -eq $vendor -and $enabled -and $current) { $ok = $true }
    }
    $observed = 'none registered'
    if ($seen.Count -gt 0) { $observed = ($seen.ToArray() -join '; ') }
    $observed += ('; licence until {0}' -f $Row.LicensedUntil)
    return New-Outcome -Status $(if ($ok -and $licensed) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected 'registered in Security Center, enabled, up to date; licence valid today'
}

Register-Check -Name 'security-center-antivirus' -Test 'Test-SecurityCenterAntivirusCheck'
