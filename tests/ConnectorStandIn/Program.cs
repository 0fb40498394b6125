// dotnet run --project tests/ConnectorStandIn -- --urls http://127.0.0.1:PORT --tenant-rate 30 [--omit-retry-after true]
//   [--conversation-limits 7/1,8/2,60/30,1800/3600] [--blocked 29:a,29:b] [--rejected 29:c] [--flaky 29:d=2] [--flaky-statuses 412,502,503,504] [--latency-ms 5] [--answer-delay-ms 50]
await AllianceBot.ConnectorStandIn.ConnectorStandInServer.Build(args).RunAsync();
