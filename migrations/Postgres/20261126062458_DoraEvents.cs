using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DoraEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dora_events",
                columns: table => new
                {
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Service = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServiceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dora_events", x => new { x.Type, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_dora_events_ServiceKey_Type_AtUnixMs",
                table: "dora_events",
                columns: new[] { "ServiceKey", "Type", "AtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_dora_events_Type_AtUnixMs",
                table: "dora_events",
                columns: new[] { "Type", "AtUnixMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dora_events");
        }
    }
}
