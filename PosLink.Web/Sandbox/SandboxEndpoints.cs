using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;

namespace PosLink.Web.Sandbox;

/// <summary>Maps the nine POS通 paths under <c>/sandbox</c>, speaking the platform's wire format over HTTP.</summary>
public static class SandboxEndpoints
{
    public const string Prefix = "/sandbox";

    /// <summary>Larger bodies than this are not requests the spec describes.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] Paths =
    [
        .. Enum.GetValues<GatewayEndpoint>().Select(GatewayPaths.For),
        GatewayPaths.ReverseAuthorization,
    ];

    public static IEndpointRouteBuilder MapPosLinkSandbox(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).ExcludeFromDescription().DisableAntiforgery();
        foreach (var path in Paths)
        {
            group.MapPost("/" + path, (HttpContext context, SandboxGateway sandbox) => AnswerAsync(context, sandbox, path));
        }
        return endpoints;
    }

    private static async Task AnswerAsync(HttpContext context, SandboxGateway sandbox, string path)
    {
        // Mapped in every mode, answered only in Sandbox mode (a Live deployment has no fake gateway), and in Production
        // only to this machine and the clients named: its key is published.
        if (context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.Mode != GatewayMode.Sandbox ||
            (context.RequestServices.GetRequiredService<IHostEnvironment>().IsProduction() &&
             !context.RequestServices.GetRequiredService<IOptions<SandboxOptions>>().Value.Answers(context.Connection.RemoteIpAddress)))
        {
            // A plain 404 for a machine client, not the app's HTML not-found page.
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var answer = body is null
            ? SandboxAnswer.Error("9001", $"请求报文超过{MaxBodyBytes}字节")
            : await sandbox.HandleAsync(path, body, context.Request.Headers.Authorization, context.RequestAborted);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.Body.ToJsonString(GatewayJson.Options)), context.RequestAborted);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
