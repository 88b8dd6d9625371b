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
#>
[CmdletBinding()]
param(
    [string]$OutFile,
    [string]$Upload,
    [string]$Credential
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

# Sends the record as written to the file (the same bytes), with the unit's credential.
# Windows PowerShell 5.1 offers TLS 1.0 by default: TLS 1.2 is added here; nothing to install.
# Checked before the audit: a wrong -Upload is said at once, not after minutes of checks.
function Assert-UploadReady {
    param([string]$Url, [string]$CredentialFile)
    if ($Url -notmatch '^https://') {
        Stop-WithMessage -Vi ('-Upload {0}: chỉ gửi qua https://' -f $Url) -En ('-Upload {0}: the service is reached over https:// only' -f $Url)
    }
    if (-not (Test-Path -LiteralPath $CredentialFile -PathType Leaf)) {
        Stop-WithMessage -Vi ('Không đọc được tệp khóa tải minh chứng {0} (xem README của gói).' -f $CredentialFile) `
            -En ('Cannot read the unit''s upload credential {0} (see the bundle''s README).' -f $CredentialFile)
    }
    # Anyone who can read the credential can send evidence in the unit's name: only SYSTEM
    # and Administrators may (the README's icacls line locks C:\ProgramData\attt so).
    $readers = @(Get-UntrustedAccess -Path $CredentialFile -Allowed @($Script:SystemSid, $Script:AdminsSid) -Rights $Script:ReadMask -SkipOwner)
    if ($readers.Count -gt 0) {
        Stop-WithMessage -Vi ('Tệp khóa tải minh chứng {0} để người khác đọc được ({1}). Khóa thư mục như README hướng dẫn (icacls C:\ProgramData\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F"), rồi chạy lại.' -f $CredentialFile, ($readers -join '; ')) `
            -En ('The upload credential {0} can be read by others ({1}). Lock its folder as the README says (icacls C:\ProgramData\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F"), then run again.' -f $CredentialFile, ($readers -join '; '))
    }
}

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
            -Headers @{ Authorization = ('Bearer {0}' -f ([string]$token).Trim()) } -UseBasicParsing -TimeoutSec 60
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
if ($Upload) { Assert-UploadReady -Url $Upload -CredentialFile $Credential }

$results = Invoke-Evaluation -State (Read-MachineState)
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
if ($failed -gt 0) { exit 1 }
exit 0
