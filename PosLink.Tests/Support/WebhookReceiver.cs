using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PosLink.Tests.Support;

/// <summary>
/// A merchant's system on loopback, as a receiver would write it: it keeps every post (headers and exact body) and
/// answers from a script (2xx by default; a 500 or a redirect when told).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Post(string? EventId, string? EventType, string? Timestamp, string? Signature, string Body);

    public ConcurrentQueue<Post> Posts { get; } = new();

    /// <summary>Answers for the next posts, in order; once used up, 204.</summary>
    public ConcurrentQueue<Func<HttpResponse, Task>> Script { get; } = new();

    public Uri Address { get; private set; } = default!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var headers = context.Request.Headers;
            receiver.Posts.Enqueue(new Post(headers["X-PosLink-Event-Id"], headers["X-PosLink-Event"], headers["X-PosLink-Timestamp"], headers["X-PosLink-Signature"],
                await reader.ReadToEndAsync()));
            if (receiver.Script.TryDequeue(out var answer))
            {
                await answer(context.Response);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Address = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    public static Func<HttpResponse, Task> Fails(int status = 500) => response =>
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    };

    public static Func<HttpResponse, Task> RedirectsTo(Uri elsewhere) => response =>
    {
        response.StatusCode = StatusCodes.Status302Found;
        response.Headers.Location = elsewhere.ToString();
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
