// The container contract is Linux's: file modes, setpriv, SIGTERM, the linux-x64 Bicep CLI.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
