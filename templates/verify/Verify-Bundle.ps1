<#
.SYNOPSIS
    Kiểm tra gói attt-kit đã giải nén, trước khi chạy bất cứ gì trong gói.
    Checks an unpacked attt-kit bundle before anything in it is run.
.DESCRIPTION
    So manifest.json với mã kiểm tra gói Sở công bố (SHA-256 của manifest.json), rồi so mọi
    tệp trong thư mục này với manifest.json: không thiếu, không thừa, không bị sửa.
    Windows PowerShell 5.1 không kiểm tra được chữ ký Ed25519: mã kiểm tra gói, nhận qua kênh
    chính thức của Sở, thay cho chữ ký. Chạy bằng tài khoản thường, không cần quyền quản trị.
    -Sha256 <mã>: mã kiểm tra gói trong danh sách Sở công bố; không có thì script hỏi.
    Mã thoát 0: hợp lệ; 1: không hợp lệ (không chạy gì trong gói); 2: không kiểm tra được.

    Compares manifest.json with the check code the Department publishes (the SHA-256 of
    manifest.json), then every file of this folder with manifest.json: none missing, none
    extra, none altered. Windows PowerShell 5.1 cannot check Ed25519 signatures: the check
    code, obtained through the Department's official channel, stands in for the signature.
    Run it as an ordinary user; it needs no administrator rights.
    -Sha256 <code>: the bundle's check code from the published list; asked for when not given.
    Exit code 0: valid; 1: rejected (run nothing from the bundle); 2: nothing could be checked.
.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Verify-Bundle.ps1
.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Verify-Bundle.ps1 -Sha256 <mã kiểm tra gói>
#>
# Fixed text, the same in every bundle: it reads manifest.json as data and runs nothing it reads.
# Windows PowerShell 5.1 with no module to install, cmdlets only (no .NET type beyond strings,
# arrays and hashtables), so that it also runs in Constrained Language Mode (AppLocker, WDAC).
# No param block: PowerShell's own refusal of a bad parameter is English only and exits 1,
# which means "rejected" here; the arguments are read below and a bad one is exit 2.
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$Manifest = 'manifest.json'
$Signature = 'manifest.json.sig'

# Vietnamese first, then English, on the two lines of one message.
function Write-Say {
    param([string]$Vi, [string]$En, [string]$Color = 'Gray')
    Write-Host $Vi -ForegroundColor $Color
    Write-Host ('  {0}' -f $En) -ForegroundColor DarkGray
}

# Asked for the code (run from Explorer's "Run with PowerShell" too): the window stays open
# until Enter, or it would close before the verdict could be read.
$Script:Prompted = $false
function Exit-WithCode {
    param([int]$Code)
    if ($Script:Prompted) {
        try { $null = Read-Host -Prompt 'Nhấn Enter để đóng / Press Enter to close' } catch { }
    }
    exit $Code
}

function Stop-CannotCheck {
    param([string]$Vi, [string]$En)
    Write-Say -Vi ('LỖI: {0}' -f $Vi) -En ('ERROR: {0}' -f $En) -Color Red
    Exit-WithCode 2
}

$Script:Problems = @()
function Add-Problem {
    param([string]$Vi, [string]$En)
    $Script:Problems += @{ Vi = $Vi; En = $En }
}

function Get-Sha256 {
    param([string]$Path)
    (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant()
}

# A path exactly as attt-kit writes them: relative, '/' between names, no '.' or '..' name,
# no name ending in a dot or a space (Windows would drop it), no ':' (an alternate data stream).
function Test-BundlePath {
    param([string]$Path)
    if ($Path -cnotmatch '^[A-Za-z0-9._{} /-]+$') { return $false }
    foreach ($name in $Path.Split('/')) {
        if ($name -eq '' -or $name -eq '.' -or $name -eq '..' -or $name.EndsWith('.') -or $name.EndsWith(' ')) { return $false }
    }
    return $true
}

# Windows PowerShell 2.0 (Windows 7 as shipped) has neither Get-FileHash nor ConvertFrom-Json.
if ($PSVersionTable.PSVersion.Major -lt 4) {
    Stop-CannotCheck -Vi ('cần Windows PowerShell 5.1 (máy này có {0}): cài Windows Management Framework 5.1, hoặc so SHA-256 của tệp zip bằng tay' -f $PSVersionTable.PSVersion) `
        -En ('Windows PowerShell 5.1 is needed (this machine has {0}): install Windows Management Framework 5.1, or compare the zip''s SHA-256 by hand' -f $PSVersionTable.PSVersion)
}

try {
    $Sha256 = $null
    $Rest = @($args)
    for ($i = 0; $i -lt $Rest.Count; $i++) {
        $Arg = [string]$Rest[$i]
        if ($Arg -eq '-Sha256' -and $i + 1 -lt $Rest.Count) {
            $i++
            $Sha256 = [string]$Rest[$i]
            # A code pasted in groups without quotes arrives as several arguments.
            while ($i + 1 -lt $Rest.Count -and ([string]$Rest[$i + 1]) -match '^[0-9a-f]+$') {
                $i++
                $Sha256 += [string]$Rest[$i]
            }
        } elseif ($Arg -like '-Sha256:*') {
            $Sha256 = $Arg.Substring(8)
        } else {
            Stop-CannotCheck -Vi ('tham số không hợp lệ: {0}. Cách dùng: .\Verify-Bundle.ps1 [-Sha256 <mã kiểm tra gói>]' -f $Arg) `
                -En ('unknown or incomplete argument: {0}. Usage: .\Verify-Bundle.ps1 [-Sha256 <check code>]' -f $Arg)
        }
    }
    $Root = $PSScriptRoot
    if (-not $Root) {
        Stop-CannotCheck -Vi 'chạy script như một tệp: powershell.exe -ExecutionPolicy Bypass -File .\Verify-Bundle.ps1' `
            -En 'run the script as a file: powershell.exe -ExecutionPolicy Bypass -File .\Verify-Bundle.ps1'
    }
    $ManifestPath = Join-Path $Root $Manifest
    if (-not (Test-Path -LiteralPath $ManifestPath -PathType Leaf)) {
        Stop-CannotCheck -Vi ('không thấy {0} trong {1}: chạy script trong thư mục đã giải nén của gói' -f $Manifest, $Root) `
            -En ('no {0} in {1}: run the script in the unpacked bundle''s folder' -f $Manifest, $Root)
    }

    if ($null -eq $Sha256) {
        try {
            $Script:Prompted = $true
            $Sha256 = Read-Host -Prompt 'Dán mã kiểm tra gói (SHA-256 của manifest.json) trong danh sách Sở công bố / Paste the check code from the Department''s list'
        } catch {
            Stop-CannotCheck -Vi 'cần -Sha256 <mã kiểm tra gói Sở công bố>' -En '-Sha256 <the check code the Department publishes> is needed'
        }
    }
    $Code = ([string]$Sha256 -replace '\s', '').ToLowerInvariant()
    if ($Code -cnotmatch '^[0-9a-f]{64}$') {
        Stop-CannotCheck -Vi 'mã kiểm tra phải là SHA-256: 64 ký tự 0-9, a-f' -En 'the check code must be a SHA-256: 64 characters 0-9, a-f'
    }

    # The manifest read as data (its unit names the bundle in messages; a false one fails below).
    $Unit = '?'
    $Count = 0
    $Entries = $null
    try {
        $Parsed = Get-Content -LiteralPath $ManifestPath -Raw -Encoding UTF8 | ConvertFrom-Json
        $UnitProperty = $Parsed.PSObject.Properties['unit']
        if ($UnitProperty -and ([string]$UnitProperty.Value) -cmatch '^[a-z0-9-]+$') { $Unit = [string]$UnitProperty.Value }
        $FilesProperty = $Parsed.PSObject.Properties['files']
        if ($FilesProperty) { $Entries = @($FilesProperty.Value) }
    } catch {
        $Entries = $null
    }

    # 1. Where the manifest comes from: the check code the Department publishes.
    $Actual = Get-Sha256 -Path $ManifestPath
    if ($Actual -cne $Code) {
        # Never print the manifest's own hash: pasted as the code, it would make a tampered bundle pass.
        Add-Problem -Vi ('{0} không khớp mã kiểm tra gói Sở công bố: gói đã bị sửa, hoặc mã đã dán không phải mã kiểm tra gói của {1} (không phải SHA-256 của tệp zip, không phải dấu vân tay khóa)' -f $Manifest, $Unit) `
            -En ('{0} does not match the check code the Department publishes: the bundle was altered, or the code pasted is not the check code of {1} (not the zip''s SHA-256, not the key fingerprint)' -f $Manifest, $Unit)
    }
    # 2. Every file against the manifest.
    # PowerShell's hashtables compare keys without regard to case, as Windows compares names.
    $Listed = @{}
    $Listed[$Manifest] = $true
    $Listed[$Signature] = $true
    # The Department's public key, when the school saves it beside the bundle: data, never run.
    $Listed['attt-signing.pub'] = $true
    $WellFormed = ($null -ne $Entries) -and ($Entries.Count -gt 0)
    if ($WellFormed) {
        foreach ($Entry in $Entries) {
            $Path = $Entry.PSObject.Properties['path']
            $Hash = $Entry.PSObject.Properties['sha256']
            $Size = $Entry.PSObject.Properties['size']
            if (-not ($Path -and $Hash -and $Size) -or -not (Test-BundlePath -Path ([string]$Path.Value)) -or
                ([string]$Hash.Value) -cnotmatch '^[0-9a-f]{64}$' -or ([string]$Size.Value) -cnotmatch '^[0-9]+$') {
                $WellFormed = $false
                break
            }
            $Rel = [string]$Path.Value
            $Listed[$Rel] = $true
            $Count++
            $Full = Join-Path $Root ($Rel.Replace('/', '\'))
            $Item = Get-Item -LiteralPath $Full -Force -ErrorAction SilentlyContinue
            if ($null -eq $Item) {
                Add-Problem -Vi ('thiếu tệp: {0}' -f $Rel) -En ('missing file: {0}' -f $Rel)
            } elseif ($Item.PSIsContainer -or ([string]$Item.Attributes) -match 'ReparsePoint') {
                Add-Problem -Vi ('không phải tệp thường: {0}' -f $Rel) -En ('not a regular file: {0}' -f $Rel)
            } elseif ($Item.Length -ne [long]$Size.Value -or (Get-Sha256 -Path $Full) -cne [string]$Hash.Value) {
                Add-Problem -Vi ('tệp bị sửa: {0} (SHA-256 khác manifest)' -f $Rel) -En ('altered file: {0} (sha256 does not match the manifest)' -f $Rel)
            }
        }
    }
    if (-not $WellFormed) {
        Add-Problem -Vi ('{0} không đúng định dạng attt-kit' -f $Manifest) -En ('{0} is not in attt-kit''s format' -f $Manifest)
    } else {
        foreach ($File in @(Get-ChildItem -LiteralPath $Root -Recurse -Force | Where-Object { -not $_.PSIsContainer } | Sort-Object FullName)) {
            $Rel = $File.FullName.Substring($Root.Length).TrimStart('\').Replace('\', '/')
            if (-not $Listed.ContainsKey($Rel)) {
                Add-Problem -Vi ('tệp thừa, không có trong manifest: {0}' -f $Rel) -En ('extra file not in the manifest: {0}' -f $Rel)
            }
        }
    }

    if ($Script:Problems.Count -gt 0) {
        Write-Say -Vi ('KHÔNG HỢP LỆ: gói {0} ({1}). Không chạy gì trong gói này; báo cho Sở.' -f $Unit, $Root) `
            -En ('REJECTED: bundle {0} ({1}). Do not run anything from this bundle; tell the Department.' -f $Unit, $Root) -Color Red
        foreach ($P in $Script:Problems) {
            Write-Host ('  - {0}' -f $P.Vi) -ForegroundColor Red
            Write-Host ('    {0}' -f $P.En) -ForegroundColor DarkGray
        }
        Exit-WithCode 1
    }
    Write-Say -Vi ('HỢP LỆ: gói {0}: {1} tệp khớp {2}, không thiếu, không thừa; {2} khớp mã kiểm tra gói Sở công bố.' -f $Unit, $Count, $Manifest) `
        -En ('VALID: bundle {0}: {1} files match {2}, none missing, none extra; {2} matches the check code the Department publishes.' -f $Unit, $Count, $Manifest) -Color Green
    Exit-WithCode 0
} catch {
    Stop-CannotCheck -Vi ('không kiểm tra được: {0}' -f $_.Exception.Message) -En ('could not check: {0}' -f $_.Exception.Message)
}
