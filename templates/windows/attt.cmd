@echo off
setlocal
rem cmd.exe looks for a program in the current folder before PATH: a chcp.com or
rem powershell.exe planted beside this file would run as administrator. This variable turns
rem that off, and every program below is called by its full path anyway.
set "NoDefaultCurrentDirectoryInExePath=1"
"%SystemRoot%\System32\chcp.com" 65001 >nul
rem attt-kit: one-step launcher for staff who do not use PowerShell. Fixed text, the same in
rem every bundle: the scripts beside it carry the bundle's data. UTF-8 (code page 65001) so
rem Vietnamese shows; the scripts themselves check the machine before changing anything.
set "ATTT_DIR=%~dp0"
set "ATTT_SELF=%~f0"
set "ATTT_PS=%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe"
for %%F in (Test-Baseline.ps1 Apply-Baseline.ps1 Undo-Baseline.ps1) do (
  if not exist "%ATTT_DIR%%%F" (
    echo Không thấy %%F bên cạnh attt.cmd: chép đủ các tệp của gói vào cùng một thư mục.
    echo   %%F is not beside attt.cmd: copy all the bundle's files into one folder.
    pause
    exit /b 2
  )
)
rem fltmc answers only to an administrator (net session would also need the Server service).
"%SystemRoot%\System32\fltmc.exe" >nul 2>&1
if not errorlevel 1 goto :admin
if /i "%~1"=="elevated" (
  echo Không lấy được quyền quản trị. Hãy bấm chuột phải vào attt.cmd, chọn "Run as administrator".
  echo   Could not get administrator rights. Right-click attt.cmd and choose "Run as administrator".
  pause
  exit /b 2
)
echo Cần quyền quản trị: Windows sẽ hỏi, hãy chọn "Yes".
echo   Administrator rights are needed: Windows will ask, choose "Yes".
rem The path goes through an environment variable, never into the command text.
"%ATTT_PS%" -NoProfile -Command "Start-Process -FilePath $env:ATTT_SELF -ArgumentList 'elevated' -Verb RunAs"
exit /b 0

:admin
echo attt-kit
echo   1. Kiểm tra máy và gửi minh chứng (không thay đổi gì) / Check this machine and send the evidence (changes nothing)
echo      ghi tệp minh chứng evidence-TÊN_MÁY.json vào thư mục chứa attt.cmd
echo      writes the evidence file evidence-COMPUTERNAME.json into the folder holding attt.cmd
echo   2. Áp dụng cấu hình an toàn                / Apply the hardening
echo   3. Hoàn tác (trả về như trước khi áp dụng) / Undo (back to before Apply)
echo   4. Một bước: áp dụng, kiểm tra, gửi, khởi động lại / One step: apply, check, send, reboot
echo   5. Thoát                                   / Quit
echo   (Gửi minh chứng khi tệp khóa của đơn vị %ProgramData%\attt\upload.credential ghi địa chỉ của Sở.)
echo   (The evidence is sent when the unit's credential file names the Department's address.)
"%SystemRoot%\System32\choice.exe" /c 12345 /n /m "Chọn 1-5 / Choose 1-5: "
set "ATTT_CHOICE=%errorlevel%"
set "ATTT_ARGS="
if "%ATTT_CHOICE%"=="5" exit /b 0
if "%ATTT_CHOICE%"=="4" goto :onestep
if "%ATTT_CHOICE%"=="1" set "ATTT_SCRIPT=Test-Baseline.ps1"
if "%ATTT_CHOICE%"=="1" set "ATTT_ARGS=-UploadIfConfigured"
if "%ATTT_CHOICE%"=="2" set "ATTT_SCRIPT=Apply-Baseline.ps1"
if "%ATTT_CHOICE%"=="2" set "ATTT_ARGS=-Ask"
if "%ATTT_CHOICE%"=="3" set "ATTT_SCRIPT=Undo-Baseline.ps1"
"%ATTT_PS%" -NoProfile -ExecutionPolicy Bypass -File "%ATTT_DIR%%ATTT_SCRIPT%" %ATTT_ARGS%
set "ATTT_EXIT=%errorlevel%"
echo.
call :explain
rem Some refusals yield to -Force (reboot-restore software that cannot be asked, Undo after
rem a Windows upgrade): the command is printed, never run from here, so the choice is the reader's.
if "%ATTT_EXIT%"=="2" if not "%ATTT_CHOICE%"=="1" (
  echo Nếu thông báo ở trên nói có thể thêm -Force và bạn chắc chắn, mở PowerShell bằng "Run as administrator" rồi chạy:
  echo   If the message above says -Force may be added and you are sure, open PowerShell with "Run as administrator" and run:
  echo   powershell.exe -ExecutionPolicy Bypass -File "%ATTT_DIR%%ATTT_SCRIPT%" -Force
)
pause
exit /b %ATTT_EXIT%

:onestep
rem Apply (asking as option 2 does), then check and send at once: the record says what the
rem machine is now. Settings that wait for a restart fail in it until option 1 runs again after
rem the restart, which the screen says plainly (a RunOnce entry would run as whoever signs in
rem next, often a student without administrator rights).
"%ATTT_PS%" -NoProfile -ExecutionPolicy Bypass -File "%ATTT_DIR%Apply-Baseline.ps1" -Ask
set "ATTT_EXIT=%errorlevel%"
if "%ATTT_EXIT%"=="2" (
  echo Áp dụng bị từ chối, mã 2: chưa kiểm tra, chưa gửi gì. Xem thông báo ở trên.
  echo   Apply refused, exit code 2: nothing was checked or sent. See the message above.
  pause
  exit /b 2
)
"%ATTT_PS%" -NoProfile -ExecutionPolicy Bypass -File "%ATTT_DIR%Test-Baseline.ps1" -UploadIfConfigured
set "ATTT_EXIT=%errorlevel%"
echo.
call :explain
echo.
echo QUAN TRỌNG: một số thiết lập chỉ có hiệu lực sau khi khởi động lại; đến lúc đó kết quả vừa gửi còn ghi chúng là chưa đạt.
echo   IMPORTANT: some settings take effect only after a restart; until then the result just sent shows them failing.
echo SAU KHI KHỞI ĐỘNG LẠI: mở lại attt.cmd, chọn 1 để kiểm tra và gửi kết quả mới.
echo   AFTER THE RESTART: open attt.cmd again and choose 1 to check and send the new result.
rem choice gives 1 for C, 2 for K, and 0 when Ctrl+C is pressed then "Terminate batch job?"
rem answered N: only exactly 1 restarts the machine.
"%SystemRoot%\System32\choice.exe" /c CK /n /m "Khởi động lại sau 60 giây? C = có, K = không / Restart in 60 seconds? C = yes, K = no: "
set "ATTT_ANSWER=%errorlevel%"
if not "%ATTT_ANSWER%"=="1" (
  echo Không khởi động lại. Nhớ khởi động lại máy rồi chọn 1.
  echo   Not restarting. Restart the machine later, then choose 1.
  pause
  exit /b %ATTT_EXIT%
)
"%SystemRoot%\System32\shutdown.exe" /r /t 60
exit /b %ATTT_EXIT%

rem What the exit code of the script that just ran means, the same words after every choice.
:explain
echo Mã thoát %ATTT_EXIT% (0: tốt; 1: có mục chưa đạt hoặc lỗi; 2: từ chối, không đổi gì; 3: đã kiểm tra và ghi tệp minh chứng nhưng chưa gửi được, gửi lại sau bằng lựa chọn 1 hoặc trang tải lên của Sở).
echo   Exit code %ATTT_EXIT% (0: fine; 1: something fails or erred; 2: refused, nothing changed; 3: checked and the evidence file written, but not sent: send it later with choice 1 or the Department's upload page).
exit /b 0
