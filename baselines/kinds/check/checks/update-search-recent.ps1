# Check update-search-recent: Windows Update's last successful search at most MaxAgeDays ago.
function Test-UpdateSearchRecentCheck {
    param($Row)
    # The Windows Update agent's own record (UTC), the same on every language.
    $label = 'Windows Update: last successful search'
    $max = [int]$Row.MaxAgeDays
    $expected = ('within the last {0} days' -f $max)
    $last = (New-Object -ComObject 'Microsoft.Update.AutoUpdate').Results.LastSearchSuccessDate
    if ($null -eq $last -or ([datetime]$last).Year -lt 2000) {
        return New-Outcome -Status 'fail' -Label $label -Observed 'never' -Expected $expected
    }
    $age = ((Get-Date).ToUniversalTime() - [datetime]$last).TotalDays
    $observed = ('{0} UTC ({1} days ago)' -f ([datetime]$last).ToString('yyyy-MM-dd HH:mm', $Script:Invariant), [math]::Floor($age))
    return New-Outcome -Status $(if ($age -le $max) { 'pass' } else { 'fail' }) -Label $label -Observed $observed -Expected $expected
}

Register-Check -Name 'update-search-recent' -Test 'Test-UpdateSearchRecentCheck'
