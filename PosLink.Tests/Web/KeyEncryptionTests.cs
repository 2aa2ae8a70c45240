using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Identity;

namespace PosLink.Tests.Web;

/// <summary>A copy of the database is not a key: no second factor in it readable, and no sign-in cookie made from it.</summary>
public sealed class KeyEncryptionTests : IAsyncLifetime
{
    private const string Password = "a long test passphrase";
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"poslink-keys-{Guid.NewGuid():N}.pfx");

    public Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PosLink keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, "test"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        File.Delete(_certificate);
        return Task.CompletedTask;
    }

    private static PosLinkAppFactory Production() => new PosLinkAppFactory().WithRealClock().InEnvironment("Production")
        .With("PosLink:Sandbox:AllowInProduction", "true")
        .With("PosLink:Security:AllowUnencryptedKeys", "false");

    private PosLinkAppFactory WithCertificate() => Production()
        .With("PosLink:Security:KeyCertificatePath", _certificate)
        .With("PosLink:Security:KeyCertificatePassword", "test");

    [Fact]
    public async Task Production_WithoutAKeyCertificate_RefusesToStart_SayingWhatToSet()
    {
        await using var app = Production();
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.StartOnKestrel());
        Assert.Contains("PosLink:Security:KeyCertificatePath", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PosLink:Security:AllowUnencryptedKeys=true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheKeyCertificate_TheDatabaseHoldsNoSecondFactor_AndNoCookieCanBeReadOrMadeFromIt()
    {
        await using var app = WithCertificate();
        var (cookie, secrets) = await SignInWithTwoFactorAsync(app);

        var raw = RawDatabase(app.DatabasePath);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, raw, StringComparison.Ordinal));
        var keys = await KeyRingAsync(app);
        Assert.All(keys, key => Assert.Contains("encryptedSecret", key, StringComparison.Ordinal));
        Assert.Null(FromDatabaseAlone(keys).Unprotect(cookie));
    }

    [Fact]
    public async Task WithoutIt_TheDatabaseAloneReadsACookie_WhichIsWhyProductionAsksForIt()
    {
        await using var app = Production().With("PosLink:Security:AllowUnencryptedKeys", "true");
        var (cookie, _) = await SignInWithTwoFactorAsync(app);

        Assert.NotNull(FromDatabaseAlone(await KeyRingAsync(app)).Unprotect(cookie));
    }

    /// <summary>Gives finance an authenticator and recovery codes, signs in with both factors; returns the cookie and the secrets.</summary>
    private static async Task<(string Cookie, IReadOnlyList<string> Secrets)> SignInWithTwoFactorAsync(PosLinkAppFactory app)
    {
        var address = app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(app.Services);
        var twoFactor = app.Services.GetRequiredService<TwoFactorService>();
        var finance = Actor.For("test-" + StaffRole.Finance, "Finance", [StaffRole.Finance], []);
        var setup = await twoFactor.CreateKeyAsync(finance);
        var recovery = (await twoFactor.EnableAsync(finance, Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow)))!;
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            key = (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(finance.UserId))!))!;
        }

        var cookies = new CookieContainer();
        using var browser = new FormClient(address, cookies);
        var step = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = Password });
        var code = await browser.SubmitAsync(step.Headers.Location!.PathAndQuery, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/finance")).StatusCode);
        return (cookies.GetAllCookies().Single(c => c.Name == "PosLink.Auth").Value, [key, .. recovery]);
    }

    /// <summary>The database file and its write-ahead log as bytes, read as text: what a stolen copy holds.</summary>
    private static string RawDatabase(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = new List<byte>();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes.AddRange(copy.ToArray());
        }
        return Encoding.Latin1.GetString(bytes.ToArray());
    }

    private static async Task<List<string>> KeyRingAsync(PosLinkAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    /// <summary>The sign-in cookie's format as someone holding only the database's key ring would build it.</summary>
    private static TicketDataFormat FromDatabaseAlone(IReadOnlyList<string> keys)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("PosLink");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new CopiedKeys(keys));
        var provider = services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
        return new TicketDataFormat(provider.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2"));
    }

    private sealed class CopiedKeys(IReadOnlyList<string> keys) : IXmlRepository
    {
        private readonly List<XElement> _elements = keys.Select(k => XElement.Parse(k)).ToList();

        public IReadOnlyCollection<XElement> GetAllElements() => _elements;

        public void StoreElement(XElement element, string friendlyName) => _elements.Add(element);
    }
}
