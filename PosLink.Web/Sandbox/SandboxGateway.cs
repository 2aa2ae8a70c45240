using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Time;

namespace PosLink.Web.Sandbox;

/// <summary>
/// The built-in ChinaUMS stand-in: checks requests as the platform does (signature, fields, trace numbers,
/// activation) and keeps terminals, holds and transactions in the app's database. One method per endpoint,
/// in the partial files beside this one.
/// </summary>
public sealed partial class SandboxGateway(
    IDbContextFactory<SandboxDbContext> contexts,
    SandboxGate gate,
    TimeProvider time,
    IOptionsMonitor<SandboxOptions> options,
    ILogger<SandboxGateway> logger)
{
    private delegate Task<SandboxAnswer> Execution(SandboxDbContext db, DateTimeOffset now);

    /// <summary>Answers one request to <paramref name="path"/> (relative to the sandbox root).</summary>
    public async Task<SandboxAnswer> HandleAsync(string path, byte[] body, string? authorization, CancellationToken cancellationToken)
    {
        string trace = "";
        SandboxAnswer answer;
        try
        {
            Authenticate(authorization, body);
            if (path == GatewayPaths.ReverseAuthorization)
            {
                answer = SandboxAnswer.Error("40", "不支持该接口");
            }
            else
            {
                var request = SandboxRequest.Parse(body);
                trace = request.SystemTraceNum;
                // Fields are checked before the trace number is taken, as the platform rejects a malformed
                // request without remembering it.
                Execution execute = PrepareFor(path, request);
                answer = await ExecuteAsync(path, request, execute, cancellationToken);
            }
        }
        catch (SandboxRejectionException rejection)
        {
            answer = SandboxAnswer.Error(rejection.ErrCode, rejection.ErrInfo);
        }
        LogAnswer(path, trace, answer.ErrCode);
        return answer;
    }

    private Execution PrepareFor(string path, SandboxRequest request)
    {
        if (path == GatewayPaths.For(GatewayEndpoint.ActivateTerminal)) return ActivateTerminal(request);
        if (path == GatewayPaths.For(GatewayEndpoint.Preauthorize)) return Preauthorize(request);
        if (path == GatewayPaths.For(GatewayEndpoint.CompleteAuthorization)) return Finalize(request, FinalizeKind.Complete);
        if (path == GatewayPaths.For(GatewayEndpoint.VoidAuthorization)) return Finalize(request, FinalizeKind.Void);
        if (path == GatewayPaths.For(GatewayEndpoint.QuickCompleteAuthorization)) return Finalize(request, FinalizeKind.QuickComplete);
        if (path == GatewayPaths.For(GatewayEndpoint.QuickVoidAuthorization)) return Finalize(request, FinalizeKind.QuickVoid);
        if (path == GatewayPaths.For(GatewayEndpoint.QueryBySystemTraceNum)) return QueryBySystemTraceNum(request);
        if (path == GatewayPaths.For(GatewayEndpoint.Query)) return Query(request);
        throw new SandboxRejectionException("9001", $"未知接口 {path}");
    }

    private async Task<SandboxAnswer> ExecuteAsync(string path, SandboxRequest request, Execution execute, CancellationToken cancellationToken)
    {
        SandboxAnswer answer;
        await using (await gate.EnterAsync(request.MerchantCode, request.TerminalCode, cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            await UseTraceAsync(db, request, path, now);
            if (path != GatewayPaths.For(GatewayEndpoint.ActivateTerminal))
            {
                await RequireActivatedAsync(db, request);
            }
            answer = await execute(db, now);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        if (answer.Delay > TimeSpan.Zero)
        {
            // The work is done and saved; only the answer is late, as when the platform's reply is slow.
            await Task.Delay(answer.Delay, time, cancellationToken);
        }
        return answer;
    }

    private void Authenticate(string? header, byte[] body)
    {
        if (!OpenBodyAuthorization.TryParse(header, out var parts, out var problem))
        {
            throw new SandboxRejectionException("1000", problem);
        }
        var settings = options.CurrentValue;
        if (!string.Equals(parts.AppId, settings.AppId, StringComparison.Ordinal))
        {
            throw new SandboxRejectionException("1000", "AppId未知 (unknown AppId)");
        }
        if (!ChinaTime.TryParseSignatureTimestamp(parts.Timestamp, out var stamped))
        {
            throw new SandboxRejectionException("1000", "Timestamp格式错误：必须为yyyyMMddHHmmss (malformed Timestamp)");
        }
        var skew = (time.GetUtcNow() - stamped).Duration();
        if (skew > TimeSpan.FromMinutes(settings.TimestampToleranceMinutes))
        {
            throw new SandboxRejectionException("1000",
                $"Timestamp与服务器时间相差超过{settings.TimestampToleranceMinutes}分钟 (Timestamp off by more than {settings.TimestampToleranceMinutes} minutes)");
        }
        if (!OpenBodySigner.Verify(parts.AppId, settings.AppKey, parts.Timestamp, parts.Nonce, body, parts.Signature))
        {
            throw new SandboxRejectionException("1000", "签名错误 (signature mismatch)");
        }
        // A signed request replayed within the timestamp window is refused: each nonce is good once.
        var now = time.GetUtcNow();
        if (!_nonces.TryAdd(parts.Nonce, now))
        {
            throw new SandboxRejectionException("1000", "Nonce已使用 (nonce reused)");
        }
        if (_nonces.Count > 10_000)
        {
            var window = TimeSpan.FromMinutes(settings.TimestampToleranceMinutes) * 2;
            foreach (var (nonce, seen) in _nonces)
            {
                if (now - seen > window)
                {
                    _nonces.TryRemove(nonce, out _);
                }
            }
        }
    }

    /// <summary>Nonces seen within about twice the timestamp window (older ones could not pass the timestamp check anyway).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);

    /// <summary>Takes the trace number for today, or refuses it as a duplicate (94).</summary>
    private static async Task UseTraceAsync(SandboxDbContext db, SandboxRequest request, string path, DateTimeOffset now)
    {
        var today = ChinaTime.TradeDate(now);
        var used = await db.Traces.AnyAsync(t => t.MerchantCode == request.MerchantCode && t.TerminalCode == request.TerminalCode &&
                                                 t.TradeDate == today && t.SystemTraceNum == request.SystemTraceNum);
        if (used)
        {
            throw new SandboxRejectionException("94", $"重复交易：systemTraceNum {request.SystemTraceNum}今日已使用");
        }
        db.Traces.Add(new SandboxTrace
        {
            MerchantCode = request.MerchantCode,
            TerminalCode = request.TerminalCode,
            TradeDate = today,
            SystemTraceNum = request.SystemTraceNum,
            Path = path,
            ReceivedAt = now,
        });
        // Saved at once: a trace number stays used even when the request is then refused.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task RequireActivatedAsync(SandboxDbContext db, SandboxRequest request)
    {
        if (!await db.Terminals.AnyAsync(t => t.MerchantCode == request.MerchantCode && t.TerminalCode == request.TerminalCode))
        {
            throw new SandboxRejectionException("97", "终端号未登记：请先激活终端");
        }
    }

    private static Execution ActivateTerminal(SandboxRequest request) => async (db, now) =>
    {
        var terminal = await db.Terminals.FindAsync(request.MerchantCode, request.TerminalCode);
        if (terminal is null)
        {
            db.Terminals.Add(new SandboxTerminal { MerchantCode = request.MerchantCode, TerminalCode = request.TerminalCode, ActivatedAt = now });
        }
        else
        {
            terminal.ActivatedAt = now;
        }
        return SandboxAnswer.Approved([]);
    };

    /// <summary>Settlement is the trade day, or the next one after the 23:00 China-time cut-off.</summary>
    public static DateOnly SettlementDay(DateTimeOffset at)
    {
        var china = ChinaTime.ToChina(at);
        return ChinaTime.TradeDate(china.Hour >= 23 ? china.AddDays(1) : china);
    }

    private static string SettlementDate(DateTimeOffset now) => ChinaTime.MonthDay(SettlementDay(now));

    private static string RandomDigits(int count)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
        return new string(digits);
    }

    private static string NewOrderId(DateTimeOffset now) =>
        ChinaTime.ToChina(now).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + RandomDigits(8);

    /// <summary>
    /// The order id of a hold that came with a merchant order id: derived from it (22 digits, as the platform's are),
    /// so the same demo order always has the same order id and a statement file can name it.
    /// </summary>
    private static string OrderIdFor(string merchantCode, string merchantOrderId)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(merchantCode + "|" + merchantOrderId));
        Span<char> digits = stackalloc char[18];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + hash[i] % 10);
        }
        return "3194" + new string(digits);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sandbox {Path} trace {SystemTraceNum}: errCode {ErrCode}")]
    private partial void LogAnswer(string path, string systemTraceNum, string errCode);
}
