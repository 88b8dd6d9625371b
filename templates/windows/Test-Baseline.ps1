<#
.SYNOPSIS
    Kiểm tra (chỉ đọc) máy này theo gói cấu hình an toàn attt-kit và ghi bằng chứng JSON.
    Audits (read-only) this machine against the attt-kit bundle and writes JSON evidence.
.DESCRIPTION
    Không thay đổi gì trên máy. Đọc chính sách bảo mật (secedit /export), registry,
    chính sách kiểm tra (auditpol /backup, so theo GUID), kiểu khởi động dịch vụ,
    Microsoft Defender, BitLocker, tường lửa đang áp dụng (MpsSvc, ActiveStore) và thiết
    bị Plug and Play; ghi một bản ghi bằng chứng (schema attt.evidence/2). Với -Upload, gửi
    bản ghi đó tới dịch vụ thu nhận minh chứng của tỉnh (HTTPS, TLS 1.2).
    Mã thoát: 0 mọi mục đạt, 1 có mục không đạt hoặc lỗi.

    Changes nothing on the machine. Reads the security policy (secedit /export), the
    registry, the audit policy (auditpol /backup, matched by GUID), service start types,
    Microsoft Defender, BitLocker, the enforced firewall (MpsSvc, ActiveStore) and Plug and
    Play devices; writes one evidence record (schema attt.evidence/2). With -Upload, sends
    that record to the province's evidence collection service (HTTPS, TLS 1.2).
    Exit code: 0 when every control passes, 1 when any fails or errs, 3 when the upload
    was not accepted.
.PARAMETER OutFile
    Nơi ghi bằng chứng (mặc định: evidence-<tên máy>.json cạnh script).
    Where to write the evidence (default: evidence-<computer name>.json next to the script).
.PARAMETER Upload
    Địa chỉ dịch vụ thu nhận minh chứng của tỉnh (https://...), nếu muốn gửi ngay.
    The province's evidence collection service (https://...), to send the record to.
.PARAMETER Credential
    Tệp khóa tải minh chứng của đơn vị (mặc định: %ProgramData%\attt\upload.credential).
    The unit's upload credential file (default: %ProgramData%\attt\upload.credential).
.PARAMETER UploadIfConfigured
    Gửi về địa chỉ ghi trong tệp khóa (dòng "# attt-upload-url: https://..."), nếu có (attt.cmd dùng).
    Upload to the address the credential file names ("# attt-upload-url: https://..."), when it does (attt.cmd uses it).
#>
[CmdletBinding()]
param(
    [string]$OutFile,
    [string]$Upload,
    [string]$Credential,
    [switch]$UploadIfConfigured
)

# ---------------------------------------------------------------- data (generated)
# @attt-kit:data@

# @attt-kit:common@

# ---------------------------------------------------------------- identity and upload

# Who this machine is: the full DNS host name (not %COMPUTERNAME%, which Windows cuts to
# 15 characters), the NetBIOS name, and MachineGuid, which tells two audits of one machine
# from two machines that share a name.
function Get-MachineIdentity {
    $guid = [string](Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Cryptography' -Name MachineGuid -ErrorAction Stop).MachineGuid
    $tcpip = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters' -ErrorAction SilentlyContinue
    $dnsName = [string]$tcpip.Hostname
    if (-not $dnsName) { $dnsName = [System.Net.Dns]::GetHostName() }
    $suffix = [string]$tcpip.Domain
    if ($suffix) { $dnsName = '{0}.{1}' -f $dnsName, $suffix }
    return [ordered]@{ DnsName = $dnsName; NetBios = [string]$env:COMPUTERNAME; MachineGuid = $guid.ToLowerInvariant() }
}

# Who may have planted or may read the credential file: the file and its folder must be owned
# by SYSTEM or Administrators and writable by them only (any user may create folders under
# C:\ProgramData, and an owner can lock others out of reading a file, so readers alone prove
# nothing: the file's address would send the unit's evidence and credential to anyone's
# server); the file readable by them only (whoever reads it uploads in the unit's name).
function Get-CredentialProblems {
    param([string]$CredentialFile)
    $allowed = @($Script:SystemSid, $Script:AdminsSid)
    $file = (Resolve-Path -LiteralPath $CredentialFile).ProviderPath
    $checks = @(
        @{ Path = $file; Rights = $Script:WriteMask },
        @{ Path = (Split-Path -Parent $file); Rights = $Script:WriteMask },
        @{ Path = $file; Rights = $Script:ReadMask }
    )
    $seen = @{}
    foreach ($c in $checks) {
        # Not @(...): Get-UntrustedAccess returns its list as one object; unreadable permissions cannot be shown safe.
        try { $found = Get-UntrustedAccess -Path $c.Path -Allowed $allowed -Rights $c.Rights } catch { $found = @(('permissions unreadable: {0}' -f $_.Exception.Message)) }
        foreach ($p in $found) {
            $problem = '{0}: {1}' -f $c.Path, $p
            if (-not $seen.ContainsKey($problem)) { $seen[$problem] = $true; $problem }
        }
    }
}

# Checked before the credential file's address is read and before the audit: a wrong
# -Upload is said at once, not after minutes of checks. With -Upload the answer is a refusal
# (exit 2); under -UploadIfConfigured (attt.cmd) a warning, and the machine is still checked
# and its record written, only not sent. Returns whether the upload may go ahead.
function Assert-UploadReady {
    param([string]$Url, [string]$CredentialFile, [switch]$WarnOnly)
    $vi = ''
    $en = ''
    if ($Url -and $Url -notmatch '^https://') {
        $vi = '-Upload {0}: chỉ gửi qua https://' -f $Url
        $en = '-Upload {0}: the service is reached over https:// only' -f $Url
    } elseif (-not (Test-Path -LiteralPath $CredentialFile -PathType Leaf)) {
        $vi = 'Không đọc được tệp khóa tải minh chứng {0} (xem README của gói).' -f $CredentialFile
        $en = 'Cannot read the unit''s upload credential {0} (see the bundle''s README).' -f $CredentialFile
    } else {
        $problems = @(Get-CredentialProblems -CredentialFile $CredentialFile)
        if ($problems.Count -gt 0) {
            $vi = 'Tệp khóa tải minh chứng {0} hoặc thư mục của nó không chỉ do SYSTEM và Administrators sở hữu, sửa và đọc ({1}). Người khác có thể đổi địa chỉ gửi hoặc đọc khóa. Giao quyền sở hữu và khóa thư mục như README hướng dẫn (icacls C:\ProgramData\attt /setowner *S-1-5-32-544 /T /C, rồi icacls C:\ProgramData\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F"), chép lại tệp khóa của đơn vị, rồi chạy lại.' -f $CredentialFile, ($problems -join '; ')
            $en = 'The upload credential {0} or its folder is not owned, writable and readable by SYSTEM and Administrators only ({1}). Others could change where the evidence goes or read the credential. Take ownership and lock the folder as the README says (icacls C:\ProgramData\attt /setowner *S-1-5-32-544 /T /C, then icacls C:\ProgramData\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F"), copy the unit''s credential file again, then run again.' -f $CredentialFile, ($problems -join '; ')
        }
    }
    if (-not $vi) { return $true }
    if (-not $WarnOnly) { Stop-WithMessage -Vi $vi -En $en }
    Write-Say -Vi ('Cảnh báo: {0} Vẫn kiểm tra máy và ghi tệp minh chứng, nhưng KHÔNG gửi.' -f $vi) `
        -En ('Warning: {0} The machine is still checked and its record written, but NOT sent.' -f $en) -Color Yellow
    return $false
}

# Sends the record as written to the file (the same bytes), with the unit's credential.
# Windows PowerShell 5.1 offers TLS 1.0 by default: TLS 1.2 is added here; nothing to install.
# A school proxy that asks for the signed-in account (407) gets it: -ProxyUseDefaultCredentials.
function Send-Evidence {
    param([string]$Url, [string]$Path, [string]$CredentialFile)
    $token = Get-Content -LiteralPath $CredentialFile -Encoding UTF8 | Where-Object { $_ -and -not $_.StartsWith('#') } | Select-Object -First 1
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $endpoint = '{0}/api/v1/evidence' -f $Url.TrimEnd('/')
    $body = [IO.File]::ReadAllBytes($Path)
    $status = 0
    $answer = ''
    try {
        $response = Invoke-WebRequest -Uri $endpoint -Method Post -Body $body -ContentType 'application/json; charset=utf-8' `
            -Headers @{ Authorization = ('Bearer {0}' -f ([string]$token).Trim()) } -UseBasicParsing -ProxyUseDefaultCredentials -TimeoutSec 60
        $status = [int]$response.StatusCode
        $answer = [string]$response.Content
    } catch [System.Net.WebException] {
        $failed = $_.Exception.Response
        if ($null -ne $failed) {
            $status = [int]$failed.StatusCode
            $reader = New-Object System.IO.StreamReader($failed.GetResponseStream(), [Text.Encoding]::UTF8)
            $answer = $reader.ReadToEnd()
            $reader.Close()
        } else {
            $answer = $_.Exception.Message
        }
    } catch {
        # Anything else (TLS, a proxy, a malformed address): not sent, the file kept, exit 3.
        $answer = $_.Exception.Message
    }
    if ($status -eq 201) {
        Write-Say -Vi ('Đã gửi minh chứng tới {0}.' -f $Url) -En ('Evidence uploaded to {0}.' -f $Url) -Color Green
        return $true
    }
    if ($status -eq 409 -and $answer -match '"error":"replay"') {
        Write-Say -Vi 'Máy chủ đã có bản ghi này.' -En 'The service had this record already.' -Color Green
        return $true
    }
    Write-Say -Vi ('Gửi minh chứng thất bại (HTTP {0}): {1}. Tệp {2} vẫn còn, có thể gửi lại.' -f $status, $answer, $Path) `
        -En ('Upload failed (HTTP {0}): {1}. The file {2} is kept; send it again later.' -f $status, $answer, $Path) -Color Red
    return $false
}

# The unit's line from the service ("38/40 máy đạt ..."), after an upload; control characters dropped.
function Show-UnitSummary {
    param([string]$Url, [string]$CredentialFile)
    $token = Get-Content -LiteralPath $CredentialFile -Encoding UTF8 | Where-Object { $_ -and -not $_.StartsWith('#') } | Select-Object -First 1
    try {
        $response = Invoke-WebRequest -Uri ('{0}/api/v1/summary' -f $Url.TrimEnd('/')) -Method Get `
            -Headers @{ Authorization = ('Bearer {0}' -f ([string]$token).Trim()) } -UseBasicParsing -ProxyUseDefaultCredentials -TimeoutSec 30
        $summary = ConvertFrom-Json -InputObject ([string]$response.Content)
        $vi = ([string]$summary.vi) -replace '[\x00-\x1f\x7f-\x9f]', ''
        $en = ([string]$summary.en) -replace '[\x00-\x1f\x7f-\x9f]', ''
        $unit = ([string]$summary.unit) -replace '[^a-z0-9-]', ''
        Write-Say -Vi ('Đơn vị {0}: {1}' -f $unit, $vi) -En ('Unit {0}: {1}' -f $unit, $en) -Color Cyan
    } catch {
        Write-Say -Vi 'Không lấy được số liệu của đơn vị từ máy chủ.' -En 'Could not read the unit''s figures from the service.' -Color Yellow
    }
}

# ---------------------------------------------------------------- main

Show-BundleHeader -Action 'test'
Assert-Administrator
Assert-TrustedLocation
$machineOs = Get-MachineOs
$Script:MachineOs = $machineOs
Initialize-StateRoot
if ($machineOs.IsHome) {
    Write-Say -Vi ('Máy chạy Windows Home ({0}): Home bỏ qua chính sách nhóm, các mục chính sách sẽ là "không hỗ trợ trên phiên bản này" (không đạt).' -f $machineOs.Edition) `
        -En ('This machine runs Windows Home ({0}), which ignores Group Policy: policy settings are reported "not supported on this edition" (fail).' -f $machineOs.Edition) -Color Yellow
}
$marker = Get-RoleMarker
if ($null -ne $marker -and $marker.Role -ne '' -and $marker.Role -ne $Bundle.Role) {
    Write-Say -Vi ('Cảnh báo: máy được đánh dấu vai trò {0}, gói kiểm tra vai trò {1}.' -f $marker.Role, $Bundle.Role) `
        -En ('Warning: the machine is marked {0}; this bundle audits role {1}.' -f $marker.Role, $Bundle.Role) -Color Yellow
}

$identity = Get-MachineIdentity
if (-not $OutFile) {
    $here = $PSScriptRoot
    if (-not $here) { $here = (Get-Location).Path }
    # The full name: two machines whose first 15 characters agree never overwrite each other's file.
    $OutFile = Join-Path $here ('evidence-{0}.json' -f $identity.DnsName)
}
if (-not $Credential) { $Credential = Join-Path $env:ProgramData 'attt\upload.credential' }
if ($Upload) {
    # An address given by hand: a credential that is not safe is a refusal (exit 2).
    $null = Assert-UploadReady -Url $Upload -CredentialFile $Credential
} elseif ($UploadIfConfigured -and (Test-Path -LiteralPath $Credential -PathType Leaf)) {
    # The address the Department wrote into the credential file (attt credential create --url),
    # read only once the file and its folder are shown to be SYSTEM's and Administrators' alone;
    # otherwise a warning, and the machine is still checked and its record written.
    if (Assert-UploadReady -CredentialFile $Credential -WarnOnly) {
        $urlPattern = '^# attt-upload-url: (https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?)$'
        $line = Get-Content -LiteralPath $Credential -Encoding UTF8 | Where-Object { $_ -match $urlPattern } | Select-Object -First 1
        if ($line -and ([string]$line -match $urlPattern)) { $Upload = $Matches[1] }
        if (-not $Upload) {
            Write-Say -Vi ('Tệp khóa {0} không ghi địa chỉ của Sở: chỉ ghi tệp, gửi tệp qua trang tải lên của Sở (/tai-len).' -f $Credential) `
                -En ('The credential file {0} names no address: the record goes to a file only; send it through the upload page (/tai-len).' -f $Credential) -Color Yellow
        }
    }
} elseif ($UploadIfConfigured) {
    Write-Say -Vi ('Chưa có khóa tải minh chứng ({0}): chỉ ghi tệp, gửi tệp qua trang tải lên của Sở (/tai-len).' -f $Credential) `
        -En ('No upload credential ({0}): the record goes to a file only; send it through the upload page (/tai-len).' -f $Credential) -Color Yellow
}

$results = Invoke-Evaluation
$evidence = [ordered]@{
    schema = 'attt.evidence/2'
    machine = $identity.DnsName
    netbios = $identity.NetBios
    machineId = $identity.MachineGuid
    unit = $Bundle.Unit
    role = $Bundle.Role
    os = $machineOs.Family
    bundle = [ordered]@{ id = $Bundle.Id; sha256 = $Bundle.Sha256 }
    collectedAt = (Format-Timestamp)
    results = @($results)
}
Write-Json -Value $evidence -Path $OutFile

$titles = @{}
foreach ($c in $Controls) { $titles[[string]$c.Id] = [string]$c.TitleVi }
$failed = 0
# 'configured' (written, not yet seen where it takes effect) is not a pass, nor a failure to fix.
$pending = 0
foreach ($r in $results) {
    $color = 'Green'
    if ($r.status -eq 'fail' -or $r.status -eq 'error') { $color = 'Red'; $failed++ }
    elseif ($r.status -eq 'configured') { $color = 'Yellow'; $pending++ }
    Write-Host ('  {0,-6} {1}  {2}' -f $r.status, $r.control, $titles[[string]$r.control]) -ForegroundColor $color
    if ($r.Contains('detail')) { Write-Host ('         {0}' -f $r.detail) -ForegroundColor DarkGray }
}
Write-Say -Vi ('{0}/{1} mục đạt. Bằng chứng: {2}' -f ($results.Count - $failed - $pending), $results.Count, $OutFile) `
    -En ('{0}/{1} controls pass. Evidence: {2}' -f ($results.Count - $failed - $pending), $results.Count, $OutFile) -Color Cyan
if ($Upload -and -not (Send-Evidence -Url $Upload -Path $OutFile -CredentialFile $Credential)) { exit 3 }
if ($Upload) { Show-UnitSummary -Url $Upload -CredentialFile $Credential }
if ($failed -gt 0) { exit 1 }
exit 0
