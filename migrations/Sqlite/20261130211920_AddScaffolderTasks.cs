using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddScaffolderTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scaffolder_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SpecJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Initiator = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHeartbeatAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    ErrorJson = table.Column<string>(type: "TEXT", nullable: true),
                    OutputJson = table.Column<string>(type: "TEXT", nullable: true),
                    StepTimingsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Approval = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TemplateOwner = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scaffolder_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "scaffolder_task_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BodyJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scaffolder_task_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scaffolder_task_events_scaffolder_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "scaffolder_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scaffolder_task_events_TaskId_Id",
                table: "scaffolder_task_events",
                columns: new[] { "TaskId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_scaffolder_tasks_CreatedAt",
                table: "scaffolder_tasks",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_scaffolder_tasks_Initiator_CreatedAt",
                table: "scaffolder_tasks",
                columns: new[] { "Initiator", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_scaffolder_tasks_Status",
                table: "scaffolder_tasks",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scaffolder_task_events");

            migrationBuilder.DropTable(
                name: "scaffolder_tasks");
        }
    }
}
