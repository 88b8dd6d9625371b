<#
.SYNOPSIS
    Kiểm tra (chỉ đọc) máy này theo gói cấu hình an toàn attt-kit và ghi bằng chứng JSON.
    Audits (read-only) this machine against the attt-kit bundle and writes JSON evidence.
.DESCRIPTION
    Không thay đổi gì trên máy. Đọc chính sách bảo mật (secedit /export), registry,
    chính sách kiểm tra (auditpol /backup, so theo GUID), kiểu khởi động dịch vụ,
    Microsoft Defender, BitLocker, tường lửa đang áp dụng (MpsSvc, ActiveStore) và thiết
    bị Plug and Play; ghi một bản ghi bằng chứng (schema attt.evidence/1).
    Mã thoát: 0 mọi mục đạt, 1 có mục không đạt hoặc lỗi.

    Changes nothing on the machine. Reads the security policy (secedit /export), the
    registry, the audit policy (auditpol /backup, matched by GUID), service start types,
    Microsoft Defender, BitLocker, the enforced firewall (MpsSvc, ActiveStore) and Plug and
    Play devices; writes one evidence record (schema attt.evidence/1).
    Exit code: 0 when every control passes, 1 when any fails or errs.
.PARAMETER OutFile
    Nơi ghi bằng chứng (mặc định: evidence-<tên máy>.json cạnh script).
    Where to write the evidence (default: evidence-<computer name>.json next to the script).
#>
[CmdletBinding()]
param(
    [string]$OutFile
)

# ---------------------------------------------------------------- data (generated)
# @attt-kit:data@

# @attt-kit:common@

# ---------------------------------------------------------------- main

Show-BundleHeader -Action 'test'
Assert-Administrator
$machineOs = Get-MachineOs
$Script:MachineOs = $machineOs
if ($machineOs.IsHome) {
    Write-Say -Vi ('Máy chạy Windows Home ({0}): Home bỏ qua chính sách nhóm, các mục chính sách sẽ là "không hỗ trợ trên phiên bản này" (không đạt).' -f $machineOs.Edition) `
        -En ('This machine runs Windows Home ({0}), which ignores Group Policy: policy settings are reported "not supported on this edition" (fail).' -f $machineOs.Edition) -Color Yellow
}
$marker = Get-RoleMarker
if ($null -ne $marker -and $marker.Role -ne '' -and $marker.Role -ne $Bundle.Role) {
    Write-Say -Vi ('Cảnh báo: máy được đánh dấu vai trò {0}, gói kiểm tra vai trò {1}.' -f $marker.Role, $Bundle.Role) `
        -En ('Warning: the machine is marked {0}; this bundle audits role {1}.' -f $marker.Role, $Bundle.Role) -Color Yellow
}

if (-not $OutFile) {
    $here = $PSScriptRoot
    if (-not $here) { $here = (Get-Location).Path }
    $OutFile = Join-Path $here ('evidence-{0}.json' -f $env:COMPUTERNAME)
}

$results = Invoke-Evaluation -State (Read-MachineState)
$evidence = [ordered]@{
    schema = 'attt.evidence/1'
    machine = $env:COMPUTERNAME
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
foreach ($r in $results) {
    $color = 'Green'
    if ($r.status -eq 'fail' -or $r.status -eq 'error') { $color = 'Red'; $failed++ }
    Write-Host ('  {0,-6} {1}  {2}' -f $r.status, $r.control, $titles[[string]$r.control]) -ForegroundColor $color
    if ($r.Contains('detail')) { Write-Host ('         {0}' -f $r.detail) -ForegroundColor DarkGray }
}
Write-Say -Vi ('{0}/{1} mục đạt. Bằng chứng: {2}' -f ($results.Count - $failed), $results.Count, $OutFile) `
    -En ('{0}/{1} controls pass. Evidence: {2}' -f ($results.Count - $failed), $results.Count, $OutFile) -Color Cyan
if ($failed -gt 0) { exit 1 }
exit 0
