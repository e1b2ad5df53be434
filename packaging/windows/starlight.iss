; Inno Setup script for Starlight on Windows: installs the frozen folder (dist\starlight, from
; packaging/starlight.spec) for the current user or for everyone, with a Start menu entry and an uninstaller.
; The catalog lives in the user's AppData (QStandardPaths) and is never touched by installing, upgrading or
; uninstalling. Built by .github/workflows/installers.yml:
;     iscc /DAppVersion=0.1.0 packaging\windows\starlight.iss
; Not exercised on this project's own (Linux) machines.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\starlight.iss
#endif

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{7A3C2E51-5B1F-4C8E-9D7A-2F6B8E4C1D90}
AppName=Starlight
AppVersion={#AppVersion}
AppPublisher=The Starlight team
DefaultDirName={autopf}\Starlight
DefaultGroupName=Starlight
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Starlight-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\org.starlight.Starlight.ico
UninstallDisplayIcon={app}\Starlight.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade closes a running Starlight first, so no file is in use.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole frozen folder; files left over from an older version are removed first, so no stale module remains.
Source: "..\..\dist\starlight\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Starlight"; Filename: "{app}\Starlight.exe"
Name: "{autodesktop}\Starlight"; Filename: "{app}\Starlight.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Starlight.exe"; Description: "{cm:LaunchProgram,Starlight}"; Flags: nowait postinstall skipifsilent
