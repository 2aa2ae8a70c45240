using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PosLink.Domain.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<long>(type: "bigint", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Origin = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Merchants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MerchantCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Merchants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SettlementDate = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    StartedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    Checked = table.Column<int>(type: "integer", nullable: false),
                    Agreed = table.Column<int>(type: "integer", nullable: false),
                    Differences = table.Column<int>(type: "integer", nullable: false),
                    Unchecked = table.Column<int>(type: "integer", nullable: false),
                    Abandoned = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatementImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MerchantId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    FeeFen = table.Column<long>(type: "bigint", nullable: true),
                    FirstDate = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MatchedCount = table.Column<int>(type: "integer", nullable: false),
                    DifferenceCount = table.Column<int>(type: "integer", nullable: false),
                    DatesAdopted = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<long>(type: "bigint", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementImports_Merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "Merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementMappings",
                columns: table => new
                {
                    MerchantId = table.Column<int>(type: "integer", nullable: false),
                    HeaderRow = table.Column<int>(type: "integer", nullable: false),
                    KeyColumn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyKind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    AmountColumn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AmountUnit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DateColumn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FeeColumn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementMappings", x => x.MerchantId);
                    table.ForeignKey(
                        name: "FK_StatementMappings_Merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "Merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Stores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MerchantId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Stores_Merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "Merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SettlementDifferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SettlementDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Field = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    MerchantId = table.Column<int>(type: "integer", nullable: false),
                    StoreId = table.Column<int>(type: "integer", nullable: true),
                    GuaranteeId = table.Column<long>(type: "bigint", nullable: true),
                    OrderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RetrievalRefNum = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OurStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TheirStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OurFen = table.Column<long>(type: "bigint", nullable: true),
                    TheirFen = table.Column<long>(type: "bigint", nullable: true),
                    OurDate = table.Column<DateOnly>(type: "date", nullable: true),
                    TheirDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FoundAt = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenAt = table.Column<long>(type: "bigint", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: true),
                    ImportId = table.Column<long>(type: "bigint", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResolvedAt = table.Column<long>(type: "bigint", nullable: true),
                    ResolvedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ResolvedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementDifferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettlementDifferences_StatementImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "StatementImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<long>(type: "bigint", nullable: false),
                    MerchantId = table.Column<int>(type: "integer", nullable: false),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    KeyKind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    FeeFen = table.Column<long>(type: "bigint", nullable: true),
                    SettlementDate = table.Column<DateOnly>(type: "date", nullable: false),
                    GuaranteeId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementRows_StatementImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "StatementImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoreAssignments",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    StoreId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreAssignments", x => new { x.UserId, x.StoreId });
                    table.ForeignKey(
                        name: "FK_StoreAssignments_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StoreAssignments_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Terminals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MerchantId = table.Column<int>(type: "integer", nullable: false),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TerminalCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Activation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActivatedAt = table.Column<long>(type: "bigint", nullable: true),
                    LastActivationAttemptAt = table.Column<long>(type: "bigint", nullable: true),
                    LastActivationErrCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    LastActivationErrInfo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ActivationFailures = table.Column<int>(type: "integer", nullable: false),
                    LastSystemTraceNum = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Terminals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Terminals_Merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "Merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Terminals_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Guarantees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TerminalId = table.Column<int>(type: "integer", nullable: false),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NeedsAttention = table.Column<bool>(type: "boolean", nullable: false),
                    AttentionReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HeldFen = table.Column<long>(type: "bigint", nullable: false),
                    MerchantOrderId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    MerchantRemark = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    AttachedData = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PayMode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    PayCodeMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SystemTraceNum = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    TradeDate = table.Column<DateOnly>(type: "date", nullable: true),
                    OrderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AuthorizationCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RetrievalRefNum = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AuthorizedAt = table.Column<long>(type: "bigint", nullable: true),
                    PaidFen = table.Column<long>(type: "bigint", nullable: true),
                    ActualTransactionFen = table.Column<long>(type: "bigint", nullable: true),
                    MerchantDiscountFen = table.Column<long>(type: "bigint", nullable: false),
                    OtherDiscountFen = table.Column<long>(type: "bigint", nullable: false),
                    DiscountInstruction = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ThirdPartyName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ConfirmedHeld = table.Column<bool>(type: "boolean", nullable: false),
                    Imported = table.Column<bool>(type: "boolean", nullable: false),
                    CompletedFen = table.Column<long>(type: "bigint", nullable: true),
                    FinalizedAt = table.Column<long>(type: "bigint", nullable: true),
                    SettlementDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SettlementDateEstimated = table.Column<bool>(type: "boolean", nullable: false),
                    FinalRetrievalRefNum = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FinalizedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FinalizedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    LastErrCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    LastErrInfo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiringSoon = table.Column<bool>(type: "boolean", nullable: false),
                    InFlightSince = table.Column<long>(type: "bigint", nullable: true),
                    ActionNumber = table.Column<int>(type: "integer", nullable: false),
                    HeldSeenAt = table.Column<long>(type: "bigint", nullable: true),
                    NotFoundSince = table.Column<long>(type: "bigint", nullable: true),
                    NextCheckAt = table.Column<long>(type: "bigint", nullable: true),
                    CheckAttempts = table.Column<int>(type: "integer", nullable: false),
                    LastCheckedAt = table.Column<long>(type: "bigint", nullable: true),
                    RefreshRequestedAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Guarantees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Guarantees_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Guarantees_Terminals_TerminalId",
                        column: x => x.TerminalId,
                        principalTable: "Terminals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GatewayOperations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TerminalId = table.Column<int>(type: "integer", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SystemTraceNum = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    GuaranteeId = table.Column<long>(type: "bigint", nullable: true),
                    AmountFen = table.Column<long>(type: "bigint", nullable: true),
                    HoldActionNumber = table.Column<int>(type: "integer", nullable: true),
                    ActorUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ErrCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    ErrInfo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UnansweredReason = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    HttpStatus = table.Column<int>(type: "integer", nullable: true),
                    RequestBody = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ResponseBody = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    AnsweredAt = table.Column<long>(type: "bigint", nullable: true),
                    ElapsedMs = table.Column<int>(type: "integer", nullable: true),
                    SettledAt = table.Column<long>(type: "bigint", nullable: true),
                    SettledNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GatewayOperations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GatewayOperations_Guarantees_GuaranteeId",
                        column: x => x.GuaranteeId,
                        principalTable: "Guarantees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GatewayOperations_Terminals_TerminalId",
                        column: x => x.TerminalId,
                        principalTable: "Terminals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorUserId_At",
                table: "AuditEntries",
                columns: new[] { "ActorUserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ObjectType_ObjectId_Id",
                table: "AuditEntries",
                columns: new[] { "ObjectType", "ObjectId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GatewayOperations_CreatedAt_ErrCode",
                table: "GatewayOperations",
                columns: new[] { "CreatedAt", "ErrCode" });

            migrationBuilder.CreateIndex(
                name: "IX_GatewayOperations_GuaranteeId_Id",
                table: "GatewayOperations",
                columns: new[] { "GuaranteeId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GatewayOperations_Outcome_CreatedAt",
                table: "GatewayOperations",
                columns: new[] { "Outcome", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GatewayOperations_TerminalId_TradeDate_SystemTraceNum",
                table: "GatewayOperations",
                columns: new[] { "TerminalId", "TradeDate", "SystemTraceNum" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_AuthorizationCode",
                table: "Guarantees",
                column: "AuthorizationCode");

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_CreatedAt_Id",
                table: "Guarantees",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_HeldFen_Id",
                table: "Guarantees",
                columns: new[] { "HeldFen", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_MerchantOrderId",
                table: "Guarantees",
                column: "MerchantOrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_NextCheckAt",
                table: "Guarantees",
                column: "NextCheckAt");

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_OrderId",
                table: "Guarantees",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_SettlementDate_Status",
                table: "Guarantees",
                columns: new[] { "SettlementDate", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_Status_CreatedAt_Id",
                table: "Guarantees",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_Status_ExpiresAt",
                table: "Guarantees",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_StoreId_ExpiringSoon",
                table: "Guarantees",
                columns: new[] { "StoreId", "ExpiringSoon" });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_StoreId_Status_CreatedAt_Id",
                table: "Guarantees",
                columns: new[] { "StoreId", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_SystemTraceNum",
                table: "Guarantees",
                column: "SystemTraceNum");

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_TerminalId_CreatedAt_Id",
                table: "Guarantees",
                columns: new[] { "TerminalId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Merchants_MerchantCode",
                table: "Merchants",
                column: "MerchantCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationRuns_Running",
                table: "ReconciliationRuns",
                column: "SettlementDate",
                unique: true,
                filter: "\"FinishedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationRuns_SettlementDate_Id",
                table: "ReconciliationRuns",
                columns: new[] { "SettlementDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_GuaranteeId",
                table: "SettlementDifferences",
                column: "GuaranteeId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_ImportId",
                table: "SettlementDifferences",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_SettlementDate_Key",
                table: "SettlementDifferences",
                columns: new[] { "SettlementDate", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_State_SettlementDate",
                table: "SettlementDifferences",
                columns: new[] { "State", "SettlementDate" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_ImportedAt",
                table: "StatementImports",
                column: "ImportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_MerchantId_ContentHash",
                table: "StatementImports",
                columns: new[] { "MerchantId", "ContentHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatementRows_GuaranteeId",
                table: "StatementRows",
                column: "GuaranteeId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementRows_ImportId",
                table: "StatementRows",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementRows_MerchantId_SettlementDate",
                table: "StatementRows",
                columns: new[] { "MerchantId", "SettlementDate" });

            migrationBuilder.CreateIndex(
                name: "IX_StoreAssignments_StoreId",
                table: "StoreAssignments",
                column: "StoreId");

            migrationBuilder.CreateIndex(
                name: "IX_Stores_MerchantId_Name",
                table: "Stores",
                columns: new[] { "MerchantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Terminals_Activation_IsEnabled",
                table: "Terminals",
                columns: new[] { "Activation", "IsEnabled" });

            migrationBuilder.CreateIndex(
                name: "IX_Terminals_MerchantId_TerminalCode",
                table: "Terminals",
                columns: new[] { "MerchantId", "TerminalCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Terminals_StoreId",
                table: "Terminals",
                column: "StoreId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "GatewayOperations");

            migrationBuilder.DropTable(
                name: "ReconciliationRuns");

            migrationBuilder.DropTable(
                name: "SettlementDifferences");

            migrationBuilder.DropTable(
                name: "StatementMappings");

            migrationBuilder.DropTable(
                name: "StatementRows");

            migrationBuilder.DropTable(
                name: "StoreAssignments");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Guarantees");

            migrationBuilder.DropTable(
                name: "StatementImports");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Terminals");

            migrationBuilder.DropTable(
                name: "Stores");

            migrationBuilder.DropTable(
                name: "Merchants");
        }
    }
}
