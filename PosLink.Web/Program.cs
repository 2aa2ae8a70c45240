using PosLink.Web;
using PosLink.Web.Backups;
using PosLink.Web.Data;

// `-- backup` copies the ledger now; `-- restored` marks it restored (README, Backups). Anything else runs the app.
var command = args.Length > 0 && BackupComposition.Commands.Contains(args[0]) ? args[0] : null;
var builder = WebApplication.CreateBuilder(WebComposition.Options(command is null ? args : args[1..]));
builder.AddPosLinkWeb();

var app = builder.Build();
if (command is not null)
{
    return await BackupComposition.RunCommandAsync(app, command);
}
await app.PrepareDatabaseAsync();
app.MapPosLinkWeb();
await app.RunAsync();
return 0;

/// <summary>The app's entry point, public so the test host can start it.</summary>
public partial class Program;
