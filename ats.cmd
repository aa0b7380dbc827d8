@echo off
rem The local stack on Windows, as ./ats is elsewhere: ats up, ats down, ats status, ats logs NAME,
rem ats token GROUP, ats mail, ats demo (ats help lists them). Needs only a JDK 17.
rem The launcher is Java (dev.ats.infra.local.LocalStack in support\infra); this script only finds
rem Java, builds support\infra when needed and runs it.
setlocal
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "STATE=%ROOT%\.ats"
set "LOG=%STATE%\logs\build.log"
set "ATS_LAUNCH="

set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  1>&2 echo A JDK 17 is needed: java was not found on the PATH ^(or in JAVA_HOME^).
  exit /b 1
)

if /i "%~1"=="bench" goto bench
if not exist "%ROOT%\support\infra\target\classes\dev\ats\infra\local\Bootstrap.class" goto build
if not exist "%STATE%\infra.classpath" goto build
goto launch

:build
"%JAVA%" -XshowSettings:properties -version 2>&1 | findstr /r /c:"java.specification.version = 1\." /c:"java.specification.version = 9" /c:"java.specification.version = 1[0-6]" >nul
if not errorlevel 1 (
  1>&2 echo A JDK 17 is needed: %JAVA% is older ^(set JAVA_HOME to a JDK 17 or newer^).
  exit /b 1
)
if not exist "%STATE%\logs" mkdir "%STATE%\logs"
echo ==^> Building the launcher (support\infra; the first build downloads dependencies) ...
pushd "%ROOT%"
call "%ROOT%\mvnw.cmd" -B -q -pl support/infra package -DskipTests dependency:build-classpath "-Dmdep.outputFile=%STATE%\infra.classpath" -Dmdep.includeScope=runtime -Dmdep.regenerateFile=true >"%LOG%" 2>&1
set "BUILT=%ERRORLEVEL%"
popd
if not "%BUILT%"=="0" (
  1>&2 echo Could not build support\infra. %LOG% says:
  1>&2 type "%LOG%"
  exit /b 1
)
if defined ATS_LAUNCH set "ATS_LAUNCH=built"

:launch
if not defined ATS_LAUNCH set "ATS_LAUNCH=check"
"%JAVA%" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "-Dats.root=%ROOT%" -Dats.command=ats -Dats.launch=%ATS_LAUNCH% -cp "%ROOT%\support\infra\target\classes" dev.ats.infra.local.Bootstrap %*
set "STATUS=%ERRORLEVEL%"
rem 75: support\infra changed since it was built; build it and run once more.
if "%STATUS%"=="75" if "%ATS_LAUNCH%"=="check" (
  set "ATS_LAUNCH=built"
  goto build
)
exit /b %STATUS%

:bench
rem ats bench [-Dbench.X=Y ...]: the performance harness (module benchmarks) against the running stack.
if not exist "%STATE%\logs" mkdir "%STATE%\logs"
echo ==^> Building the benchmark harness (benchmarks\) ...
pushd "%ROOT%"
call "%ROOT%\mvnw.cmd" -B -q -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime -Dmdep.regenerateFile=true >"%STATE%\logs\bench-build.log" 2>&1
set "BUILT=%ERRORLEVEL%"
popd
if not "%BUILT%"=="0" (
  1>&2 type "%STATE%\logs\bench-build.log"
  exit /b 1
)
rem The classpath goes in CLASSPATH: it can be longer than a command line may be.
for /f "usebackq delims=" %%c in ("%ROOT%\benchmarks\target\bench.classpath") do set "CLASSPATH=%ROOT%\benchmarks\target\classes;%%c"
shift
set "BENCHARGS="
:benchargs
if "%~1"=="" goto benchrun
set "BENCHARGS=%BENCHARGS% %1"
shift
goto benchargs
:benchrun
"%JAVA%" -Xmx512m -XX:+UseSerialGC "-Dats.root=%ROOT%" %BENCHARGS% dev.ats.bench.Bench
exit /b %ERRORLEVEL%
