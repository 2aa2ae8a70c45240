using PosLink.Web;
using PosLink.Web.Data;

var builder = WebApplication.CreateBuilder(WebComposition.Options(args));
builder.AddPosLinkWeb();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.MapPosLinkWeb();
await app.RunAsync();

/// <summary>The app's entry point, public so the test host can start it.</summary>
public partial class Program;
