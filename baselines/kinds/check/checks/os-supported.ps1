# Check os-supported: The Windows release still gets security updates (Releases: build|end for Home and
# Pro|end for Enterprise and Education), or Windows 10 with Extended Security Updates recorded.
function Test-OsSupportedCheck {
    param($Row)
    $os = $Script:MachineOs
    if ($null -eq $os) { $os = Get-MachineOs }
    $label = ('Windows build {0} ({1})' -f $os.Build, $os.Edition)
    $today = (Get-Date).Date
    $enterprise = $os.Edition -match '^(Enterprise|Education)' -and $os.Edition -ne 'EnterpriseS'
    if ($os.Edition -like 'EnterpriseS*' -or $os.Edition -like 'IoTEnterpriseS*') {
        return New-Outcome -Status 'not-applicable' -Label $label -Observed 'LTSC: its own lifecycle, not checked here' -Expected 'a release still supported'
    }
    $end = $null
    $newest = 0
    foreach ($line in @($Row.Releases)) {
        $parts = ([string]$line).Split('|')
        $build = [int]$parts[0]
        if ($build -gt $newest) { $newest = $build }
        if ($build -eq $os.Build) { $end = [datetime]::ParseExact($parts[$(if ($enterprise) { 2 } else { 1 })], 'yyyy-MM-dd', $Script:Invariant) }
    }
    if ($null -eq $end -and $os.Build -gt $newest) {
        return New-Outcome -Status 'pass' -Label $label -Observed 'newer than every release the bundle knows' -Expected 'a release still supported'
    }
    if ($null -eq $end) {
        return New-Outcome -Status 'fail' -Label $label -Observed 'a release past its end of support' -Expected 'a release still supported'
    }
    $observed = 'security updates until {0}' -f $end.ToString('yyyy-MM-dd', $Script:Invariant)
    if ($today -le $end) { return New-Outcome -Status 'pass' -Label $label -Observed $observed -Expected 'a release still supported' }
    if ($os.Family -eq 'windows-10' -and [string]$Row.ExtendedUntil -ne '') {
        $esu = [datetime]::ParseExact([string]$Row.ExtendedUntil, 'yyyy-MM-dd', $Script:Invariant)
        $observed += ('; Extended Security Updates recorded until {0}' -f $Row.ExtendedUntil)
        if ($today -le $esu) { return New-Outcome -Status 'pass' -Label $label -Observed $observed -Expected 'a release still supported, or ESU' }
    }
    return New-Outcome -Status 'fail' -Label $label -Observed ('past its end of support: ' + $observed) -Expected 'a release still supported (take the next feature update, or record ESU for Windows 10)'
}

Register-Check -Name 'os-supported' -Test 'Test-OsSupportedCheck'
