# Check firewall-active: Windows Defender Firewall as the firewall service enforces it (MpsSvc, ActiveStore).
function Test-FirewallActiveCheck {
    param($Row)
    # What the firewall service enforces (its active store), not what policy asks: with
    # MpsSvc stopped, or a profile switched off by another product, the policy values
    # still read as set and only this fails.
    if (@('block', 'any') -notcontains [string]$Row.Outbound) { throw ('unknown outbound expectation {0}' -f $Row.Outbound) }
    $label = 'Windows Defender Firewall (MpsSvc, ActiveStore)'
    $expected = 'MpsSvc Running; Domain, Private, Public: Enabled=True, DefaultInboundAction=Block'
    if ($Row.Outbound -eq 'block') { $expected += ', DefaultOutboundAction=Block' }
    $svc = Get-ServiceByName -Name 'MpsSvc'
    $state = 'absent'
    if ($null -ne $svc) { $state = [string]$svc.Status }
    if ($state -ne 'Running') {
        return New-Outcome -Status 'fail' -Label $label -Observed ('MpsSvc {0}' -f $state) -Expected $expected
    }
    $seen = New-Object System.Collections.Generic.List[string]
    $seen.Add('MpsSvc Running')
    $ok = $true
    $names = New-Object System.Collections.Generic.List[string]
    foreach ($p in @(Get-NetFirewallProfile -PolicyStore ActiveStore | Sort-Object -Property Name)) {
        # Enum names (GpoBoolean, Action), the same on every language of Windows.
        $enabled = [string]$p.Enabled
        $inbound = [string]$p.DefaultInboundAction
        $outbound = [string]$p.DefaultOutboundAction
        $names.Add([string]$p.Name)
        $seen.Add(('{0}: Enabled={1}, DefaultInboundAction={2}, DefaultOutboundAction={3}' -f $p.Name, $enabled, $inbound, $outbound))
        if ($enabled -ne 'True' -or $inbound -ne 'Block') { $ok = $false }
        if ($Row.Outbound -eq 'block' -and $outbound -ne 'Block') { $ok = $false }
    }
    foreach ($name in @('Domain', 'Private', 'Public')) { if ($names -notcontains $name) { $ok = $false } }
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label $label -Observed ($seen.ToArray() -join '; ') -Expected $expected
}

Register-Check -Name 'firewall-active' -Test 'Test-FirewallActiveCheck'
