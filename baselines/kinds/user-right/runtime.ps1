# ---------------------------------------------------------------- kind: user-right
# User rights assignment ([Privilege Rights]); the kind's folder is
# baselines/kinds/user-right/. A row gives a right (Right) to exactly its SIDs (Sids,
# @() for nobody). secedit reads and writes them (area USER_RIGHTS); SIDs, never names,
# so nothing depends on the language of Windows.

# .NET's \d also matches other scripts' digits and '$' matches before a final newline:
# [0-9] and \z keep a value that is not a plain SID out of the template.
$Script:RightPattern = '^Se[A-Za-z]+(Privilege|Right)\z'
$Script:SidPattern = '^S-1-[0-9]+(-[0-9]+)+\z'

# The holders secedit lists, as SIDs: '*S-1-5-32-544' loses its '*'; a name (secedit
# writes one for an account it could not map) is translated, or kept as written.
function ConvertTo-SidList {
    param([string]$Text)
    $sids = New-Object System.Collections.Generic.List[string]
    foreach ($item in $Text.Split(',')) {
        $t = $item.Trim()
        if ($t -eq '') { continue }
        if ($t.StartsWith('*')) { $sids.Add($t.Substring(1).ToUpperInvariant()); continue }
        try { $sids.Add((New-Object System.Security.Principal.NTAccount($t)).Translate([System.Security.Principal.SecurityIdentifier]).Value) }
        catch { $sids.Add($t) }
    }
    return , [string[]]@($sids | Sort-Object -Unique)
}

# Right -> holders. secedit leaves a right that nobody holds out of its export.
function Read-UserRights {
    param([switch]$Merged)
    $raw = Export-SeceditSection -Area 'USER_RIGHTS' -Section 'Privilege Rights' -Merged:$Merged
    $rights = @{}
    foreach ($k in @($raw.Keys)) { $rights[$k] = ConvertTo-SidList -Text ([string]$raw[$k]) }
    return $rights
}

function Get-UserRightHolders {
    param([hashtable]$Rights, [string]$Right)
    if ($Rights.ContainsKey($Right)) { return , [string[]]@($Rights[$Right]) }
    return , [string[]]@()
}

function Format-Holders {
    param([string[]]$Sids)
    if (@($Sids).Count -eq 0) { return '(nobody)' }
    return (@($Sids) -join ',')
}

function Test-SameHolders {
    param([string[]]$A, [string[]]$B)
    $x = @(@($A) | ForEach-Object { ([string]$_).ToUpperInvariant() } | Sort-Object -Unique) -join ','
    $y = @(@($B) | ForEach-Object { ([string]$_).ToUpperInvariant() } | Sort-Object -Unique) -join ','
    return ($x -eq $y)
}

# `SeDebugPrivilege = *S-1-5-32-544`, or `SeTcbPrivilege =` for nobody, as GptTmpl.inf has it.
function Format-PrivilegeRightsLine {
    param([string]$Right, [string[]]$Sids)
    if ($Right -cnotmatch $Script:RightPattern) { throw ('not a user right: {0}' -f $Right) }
    foreach ($sid in @($Sids)) {
        if ([string]$sid -cnotmatch $Script:SidPattern) { throw ('user right {0}: not a SID: {1}' -f $Right, $sid) }
    }
    if (@($Sids).Count -eq 0) { return ('{0} =' -f $Right) }
    return ('{0} = {1}' -f $Right, (@(@($Sids) | ForEach-Object { '*' + $_ }) -join ','))
}

# Set: each right to exactly its holders, in one secedit run.
function Set-UserRights {
    param([System.Collections.IDictionary]$Rights)
    $lines = @(foreach ($r in @($Rights.Keys)) { Format-PrivilegeRightsLine -Right $r -Sids @($Rights[$r]) })
    Invoke-SeceditTemplate -Area 'USER_RIGHTS' -Section 'Privilege Rights' -Lines $lines
}

# Holders that are not SIDs: accounts secedit named and Windows could not map (deleted,
# or of an unreachable domain). They cannot be written back by SID.
function Get-UnreadableHolders {
    param([string[]]$Sids)
    return , [string[]]@(@($Sids) | Where-Object { [string]$_ -cnotmatch $Script:SidPattern })
}

function Get-UserRightId {
    param($Row)
    return ('user-right|{0}' -f $Row.Right).ToUpperInvariant()
}

# Set: says first which holders each right loses, then every right in one secedit run.
function Set-UserRightRows {
    param([object[]]$Rows)
    $rights = [ordered]@{}
    foreach ($row in $Rows) { $rights[[string]$row.Right] = [string[]]@($row.Sids) }
    Show-UserRightChanges -Rights $rights -Current (Read-UserRights)
    Set-UserRights -Rights $rights
}

# Get: the backup entry of a row, from the local policy (what Undo writes back), with the
# bundle's own holders (Undo keeps holders added since Apply, minus these).
function Get-UserRightEntry {
    param($Row, $State)
    $sids = Get-UserRightHolders -Rights $State -Right ([string]$Row.Right)
    return [ordered]@{
        Id = (Get-UserRightId -Row $Row); Kind = 'user-right'; Right = [string]$Row.Right
        Sids = $sids; BundleSids = [string[]]@($Row.Sids)
        Unreadable = (Get-UnreadableHolders -Sids $sids)
    }
}

# Before Set: says (Vietnamese first) which holders each right loses, such as IIS_IUSRS on
# SeImpersonatePrivilege or SQL Server's service SID on SeManageVolumePrivilege added by
# software, and which holders cannot be backed up by SID (Undo then skips that right).
function Show-UserRightChanges {
    param([System.Collections.IDictionary]$Rights, [hashtable]$Current)
    foreach ($r in @($Rights.Keys)) {
        $have = Get-UserRightHolders -Rights $Current -Right ([string]$r)
        $want = @(@($Rights[$r]) | ForEach-Object { ([string]$_).ToUpperInvariant() })
        $removed = @($have | Where-Object { $want -notcontains ([string]$_).ToUpperInvariant() })
        if ($removed.Count -gt 0) {
            Write-Say -Vi ('Cảnh báo: quyền {0} sẽ bị gỡ khỏi {1} (có thể do phần mềm như IIS, SQL Server thêm vào; Undo trả lại).' -f $r, ($removed -join ', ')) `
                -En ('Warning: {0} is taken from {1} (software such as IIS or SQL Server may have added them; Undo gives it back).' -f $r, ($removed -join ', ')) -Color Yellow
        }
        $unreadable = Get-UnreadableHolders -Sids $have
        if ($unreadable.Count -gt 0) {
            Write-Say -Vi ('Cảnh báo: quyền {0} có tài khoản không đọc được SID ({1}); Undo sẽ bỏ qua riêng quyền này.' -f $r, ($unreadable -join ', ')) `
                -En ('Warning: {0} has holders without a readable SID ({1}); Undo will skip this right only.' -f $r, ($unreadable -join ', ')) -Color Yellow
        }
    }
}

# Test: the effective holders (domain policy included) are exactly the row's.
function Test-UserRightRow {
    param($Row, $State)
    $have = Get-UserRightHolders -Rights $State -Right ([string]$Row.Right)
    $want = [string[]]@($Row.Sids)
    $ok = Test-SameHolders -A $have -B $want
    return New-Outcome -Status $(if ($ok) { 'pass' } else { 'fail' }) -Label ('user right {0}' -f $Row.Right) `
        -Observed (Format-Holders -Sids $have) -Expected (Format-Holders -Sids $want)
}

# Restore: every right back to who held it before the first Apply, plus holders added
# since (software installed after Apply) that are not the bundle's own, then read back.
# A right whose backup holds an account without a SID is skipped alone, with its reason.
function Restore-UserRights {
    param([object[]]$Entries)
    $errors = New-Object System.Collections.Generic.List[string]
    $rights = [ordered]@{}
    if (@($Entries).Count -eq 0) { return , $errors.ToArray() }
    try {
        $current = Read-UserRights
        foreach ($e in @($Entries)) {
            $original = [string[]]@(@($e.Sids) | Where-Object { $null -ne $_ })
            $unreadable = Get-UnreadableHolders -Sids $original
            if ($unreadable.Count -gt 0) {
                $errors.Add(('user right {0}: not restored, holders without a SID: {1}' -f $e.Right, ($unreadable -join ',')))
                continue
            }
            $own = @(@($e.BundleSids) | ForEach-Object { ([string]$_).ToUpperInvariant() })
            $target = New-Object System.Collections.Generic.List[string]
            foreach ($sid in $original) { $target.Add([string]$sid) }
            foreach ($sid in (Get-UserRightHolders -Rights $current -Right ([string]$e.Right))) {
                $u = ([string]$sid).ToUpperInvariant()
                if ($own -contains $u -or @($target | Where-Object { $_.ToUpperInvariant() -eq $u }).Count -gt 0) { continue }
                if ([string]$sid -cmatch $Script:SidPattern) { $target.Add([string]$sid) }
            }
            $rights[[string]$e.Right] = [string[]]$target.ToArray()
        }
        if ($rights.Count -eq 0) { return , $errors.ToArray() }
        Set-UserRights -Rights $rights
        $now = Read-UserRights
        foreach ($r in @($rights.Keys)) {
            $have = Get-UserRightHolders -Rights $now -Right $r
            if (-not (Test-SameHolders -A $have -B $rights[$r])) {
                $errors.Add(('user right {0}: {1} expected, {2} found' -f $r, (Format-Holders -Sids $rights[$r]), (Format-Holders -Sids $have)))
            }
        }
    } catch { $errors.Add(('user rights: {0}' -f $_)) }
    return , $errors.ToArray()
}

function Format-UserRightLabel {
    param($Entry)
    return ('user right {0}' -f $Entry.Right)
}

function Format-UserRightValue {
    param($Entry)
    return (Format-Holders -Sids ([string[]]@(@($Entry.Sids) | Where-Object { $null -ne $_ })))
}

# Order 40: after the security policy (30), as Apply has always set them.
Register-SettingKind -Kind 'user-right' -Id 'Get-UserRightId' -Read 'Read-UserRights' -Entry 'Get-UserRightEntry' -Apply 'Set-UserRightRows' `
    -Test 'Test-UserRightRow' -Restore 'Restore-UserRights' -Label 'Format-UserRightLabel' -Value 'Format-UserRightValue' -Order 40
