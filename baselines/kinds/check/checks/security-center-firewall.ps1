# Check security-center-firewall: A third-party firewall the inventory declares, registered and enabled in Security Center.
function Test-SecurityCenterFirewallCheck {
    param($Row)
    # A third-party firewall the inventory declares, instead of Windows Defender Firewall.
    $label = ('{0} (Security Center)' -f $Row.Product)
    $vendor = ([string]$Row.Product).Trim().Split(' ')[0]
    $seen = New-Object System.Collections.Generic.List[string]
    $ok = $false
    foreach ($p in @(Get-CimInstance -Namespace 'root\SecurityCenter2' -ClassName 'FirewallProduct')) {
        $name = [string]$p.displayName
        $enabled = (((([int64]$p.productState) -shr 12) -band 0xF) -eq 1)
        $seen.Add(('{0}: enabled={1}' -f $name, $enabled))
        if ($name.Trim().Split(' ')[0] -eq $vendor -and $enabled) { $ok = $true }
    }
    $observed = 'none registered'
    if ($seen.Count -gt 0) { $observed = ($seen.ToArray() -join '; ') }
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected 'registered in Security Center and enabled'
}

Register-Check -Name 'security-center-firewall' -Test 'Test-SecurityCenterFirewallCheck'
