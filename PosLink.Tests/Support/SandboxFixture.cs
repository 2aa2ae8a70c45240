using PosLink.Domain.Gateway;

namespace PosLink.Tests.Support;

/// <summary>One running app with its sandbox, shared by a test class; each test takes terminals of its own.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private int _terminals;

    public PosLinkAppFactory App { get; } = new();

    public Uri Address { get; private set; } = default!;

    public IPosLinkGateway Gateway => App.Gateway;

    public SignedPoster Poster => new(Address, App.Time);

    public Task InitializeAsync()
    {
        Address = App.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A terminal code no other test uses, not yet activated.</summary>
    public TestTerminal NewTerminal(string merchantCode = "898310148160568") =>
        new(merchantCode, $"T{Interlocked.Increment(ref _terminals):D7}");

    /// <summary>A new terminal, activated at the sandbox.</summary>
    public async Task<TestTerminal> ActiveTerminalAsync(string merchantCode = "898310148160568")
    {
        var terminal = NewTerminal(merchantCode);
        await Gateway.ActivateTerminalAsync(terminal.Activate()).AssertAnswered("00");
        return terminal;
    }
}
