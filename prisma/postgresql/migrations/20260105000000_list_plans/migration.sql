-- Root lists by investment (issue 8: the filtered list over generated data).

-- CreateIndex
CREATE INDEX "Project_investment_desc_id_idx" ON "Project"("investment" DESC, "id");

-- CreateIndex
CREATE INDEX "Project_placeId_investment_id_idx" ON "Project"("placeId", "investment", "id");
