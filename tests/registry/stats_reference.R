# Reference figures for `chartflow registry stats`, from R on the same synthetic cohort:
# survival::survfit (Kaplan-Meier, Greenwood, log intervals), relsurv::rs.surv (Ederer II,
# Pohar-Perme against the same life table, via relsurv::transrate) and epitools::ageadjust.direct
# (age-adjusted rates with Fay-Feuer gamma intervals), plus the Tiwari interval from its formula.
#
# Rscript stats_reference.R FIXTURE_DIR OUTPUT_DIR
suppressPackageStartupMessages({ library(survival); library(relsurv); library(epitools) })
args <- commandArgs(trailingOnly = TRUE)
fixtures <- args[1]; out <- args[2]
d <- read.csv(file.path(fixtures, "cohort.csv"), colClasses = c(area = "character"))
d$diag <- as.Date(d$diagnosis_date)
d$time <- as.numeric(as.Date(d$last_contact_date) - d$diag)
d$status <- 1 - d$vital_status            # NAACCR 1760: 0 dead
d$agedays <- as.numeric(d$diag - as.Date(d$birth_date))
d$sexf <- ifelse(d$sex == 1, "male", "female")
years <- c(1, 3, 5) * 365.241

# Kaplan-Meier: every point of every curve (overall and by site).
km_points <- function(data, group) {
  fit <- survfit(Surv(time, status) ~ 1, data = data)
  data.frame(group = group, time = fit$time, surv = fit$surv, std_error = fit$std.err, lower = fit$lower, upper = fit$upper)
}
km <- km_points(d, "all")
for (s in sort(unique(d$site))) km <- rbind(km, km_points(d[d$site == s, ], s))
write.csv(km, file.path(out, "km.csv"), row.names = FALSE)

# Net survival at 1, 3, 5 years.
lt <- read.csv(file.path(fixtures, "life_table.csv"))
ages <- sort(unique(lt$age)); cal <- sort(unique(lt$year))
as_matrix <- function(sex) { x <- lt[lt$sex == sex, ]; x <- x[order(x$age, x$year), ]; matrix(1 - x$q, nrow = length(ages), byrow = TRUE) }  # transrate takes yearly survival probabilities
rt <- transrate(as_matrix(1), as_matrix(2), yearlim = c(min(cal), max(cal)), int.length = 1)
net <- NULL
for (group in c("all", sort(unique(d$site)))) {
  data <- if (group == "all") d else d[d$site == group, ]
  for (method in c("ederer2", "pohar-perme")) {
    fit <- rs.surv(Surv(time, status) ~ 1, data = data, ratetable = rt, method = method,
                   rmap = list(age = agedays, sex = sexf, year = diag))
    s <- summary(fit, times = years, extend = TRUE)
    net <- rbind(net, data.frame(group = group, method = sub("-", "_", method), years = c(1, 3, 5), survival = s$surv))
  }
}
write.csv(net, file.path(out, "net.csv"), row.names = FALSE)

# Incidence by area: counts by the 19 age groups at diagnosis, against the population file.
std <- c(3794901, 15191619, 19919840, 20056779, 19819518, 18257225, 17722067, 19511370, 22179956, 22479229,
         19805793, 17224359, 13307234, 10654272, 9409940, 8725574, 7414559, 4900234, 4259173)
pop <- read.csv(file.path(fixtures, "population.csv"), colClasses = c(area = "character"))
age <- d$agedays / 365.25
d$group <- ifelse(age < 1, 0, ifelse(age < 5, 1, pmin(18, floor(age / 5) + 1)))
rates <- NULL
for (a in sort(unique(pop$area))) {
  n <- sapply(0:18, function(g) sum(d$area == a & d$group == g))
  p <- pop$population[pop$area == a][order(pop$age_group[pop$area == a])]
  r <- ageadjust.direct(count = n, pop = p, stdpop = std)
  w <- std / sum(std) / p; y <- sum(w * n); v <- sum(w^2 * n); wm <- mean(w)
  tiwari_upper <- qgamma(0.975, shape = (y + wm)^2 / (v + wm^2), scale = (v + wm^2) / (y + wm))
  rates <- rbind(rates, data.frame(area = a, crude = r[["crude.rate"]] * 1e5, adjusted = r[["adj.rate"]] * 1e5,
                                   fay_feuer_lower = r[["lci"]] * 1e5, fay_feuer_upper = r[["uci"]] * 1e5, tiwari_upper = tiwari_upper * 1e5))
}
write.csv(rates, file.path(out, "incidence.csv"), row.names = FALSE)
