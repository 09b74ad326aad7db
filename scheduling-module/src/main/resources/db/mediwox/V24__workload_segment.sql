-- Two-year $workload for a whole clinic (issue 23): pool-level counters and lead-time bins per week segment, kept in
-- the writing transaction with workload_day (WorkloadFacts), so that the figures of pools and of the clinic over a long
-- period add up a few thousand rows instead of sorting every booking's lead time.

-- The lead-time bins (LeadBins in Java holds the same bounds; WorkloadReadModelIT compares them): minutes 0-31 one bin
-- each, then 16 bins of equal width per doubling up to 2^20 minutes, the last bin open. 0-based.
create function lead_bin(minutes integer) returns integer language sql immutable parallel safe as $$
    select greatest(width_bucket(minutes, '{0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,34,36,38,40,42,44,46,48,50,52,54,56,58,60,62,64,68,72,76,80,84,88,92,96,100,104,108,112,116,120,124,128,136,144,152,160,168,176,184,192,200,208,216,224,232,240,248,256,272,288,304,320,336,352,368,384,400,416,432,448,464,480,496,512,544,576,608,640,672,704,736,768,800,832,864,896,928,960,992,1024,1088,1152,1216,1280,1344,1408,1472,1536,1600,1664,1728,1792,1856,1920,1984,2048,2176,2304,2432,2560,2688,2816,2944,3072,3200,3328,3456,3584,3712,3840,3968,4096,4352,4608,4864,5120,5376,5632,5888,6144,6400,6656,6912,7168,7424,7680,7936,8192,8704,9216,9728,10240,10752,11264,11776,12288,12800,13312,13824,14336,14848,15360,15872,16384,17408,18432,19456,20480,21504,22528,23552,24576,25600,26624,27648,28672,29696,30720,31744,32768,34816,36864,38912,40960,43008,45056,47104,49152,51200,53248,55296,57344,59392,61440,63488,65536,69632,73728,77824,81920,86016,90112,94208,98304,102400,106496,110592,114688,118784,122880,126976,131072,139264,147456,155648,163840,172032,180224,188416,196608,204800,212992,221184,229376,237568,245760,253952,262144,278528,294912,311296,327680,344064,360448,376832,393216,409600,425984,442368,458752,475136,491520,507904,524288,557056,589824,622592,655360,688128,720896,753664,786432,819200,851968,884736,917504,950272,983040,1015808,1048576}'::integer[]) - 1, 0)
$$;

-- The value a lead time counts as in a percentile: its bin's middle (the value itself below 32 minutes). Percentiles of
-- these are within 1/32 of the exact ones; LeadBins.percentile computes the same from bin counts.
create function lead_rep(minutes integer) returns double precision language sql immutable parallel safe as $$
    select ('{0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,33,35,37,39,41,43,45,47,49,51,53,55,57,59,61,63,66,70,74,78,82,86,90,94,98,102,106,110,114,118,122,126,132,140,148,156,164,172,180,188,196,204,212,220,228,236,244,252,264,280,296,312,328,344,360,376,392,408,424,440,456,472,488,504,528,560,592,624,656,688,720,752,784,816,848,880,912,944,976,1008,1056,1120,1184,1248,1312,1376,1440,1504,1568,1632,1696,1760,1824,1888,1952,2016,2112,2240,2368,2496,2624,2752,2880,3008,3136,3264,3392,3520,3648,3776,3904,4032,4224,4480,4736,4992,5248,5504,5760,6016,6272,6528,6784,7040,7296,7552,7808,8064,8448,8960,9472,9984,10496,11008,11520,12032,12544,13056,13568,14080,14592,15104,15616,16128,16896,17920,18944,19968,20992,22016,23040,24064,25088,26112,27136,28160,29184,30208,31232,32256,33792,35840,37888,39936,41984,44032,46080,48128,50176,52224,54272,56320,58368,60416,62464,64512,67584,71680,75776,79872,83968,88064,92160,96256,100352,104448,108544,112640,116736,120832,124928,129024,135168,143360,151552,159744,167936,176128,184320,192512,200704,208896,217088,225280,233472,241664,249856,258048,270336,286720,303104,319488,335872,352256,368640,385024,401408,417792,434176,450560,466944,483328,499712,516096,540672,573440,606208,638976,671744,704512,737280,770048,802816,835584,868352,901120,933888,966656,999424,1032192,1048576}'::double precision[])[greatest(width_bucket(minutes, '{0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,34,36,38,40,42,44,46,48,50,52,54,56,58,60,62,64,68,72,76,80,84,88,92,96,100,104,108,112,116,120,124,128,136,144,152,160,168,176,184,192,200,208,216,224,232,240,248,256,272,288,304,320,336,352,368,384,400,416,432,448,464,480,496,512,544,576,608,640,672,704,736,768,800,832,864,896,928,960,992,1024,1088,1152,1216,1280,1344,1408,1472,1536,1600,1664,1728,1792,1856,1920,1984,2048,2176,2304,2432,2560,2688,2816,2944,3072,3200,3328,3456,3584,3712,3840,3968,4096,4352,4608,4864,5120,5376,5632,5888,6144,6400,6656,6912,7168,7424,7680,7936,8192,8704,9216,9728,10240,10752,11264,11776,12288,12800,13312,13824,14336,14848,15360,15872,16384,17408,18432,19456,20480,21504,22528,23552,24576,25600,26624,27648,28672,29696,30720,31744,32768,34816,36864,38912,40960,43008,45056,47104,49152,51200,53248,55296,57344,59392,61440,63488,65536,69632,73728,77824,81920,86016,90112,94208,98304,102400,106496,110592,114688,118784,122880,126976,131072,139264,147456,155648,163840,172032,180224,188416,196608,204800,212992,221184,229376,237568,245760,253952,262144,278528,294912,311296,327680,344064,360448,376832,393216,409600,425984,442368,458752,475136,491520,507904,524288,557056,589824,622592,655360,688128,720896,753664,786432,819200,851968,884736,917504,950272,983040,1015808,1048576}'::integer[]), 1)]
$$;

-- Element-wise sum of two bin-count arrays (the shorter one counts as zeros beyond its end).
create function add_bins(a integer[], b integer[]) returns integer[] language sql immutable parallel safe as $$
    select coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) order by i), '{}')
    from unnest(a, b) with ordinality as u(x, y, i)
$$;

-- Bin counts as a dense array (index = bin + 1) from parallel arrays of bins and counts.
create function dense_bins(bins integer[], counts integer[]) returns integer[] language plpgsql immutable as $$
declare
    dense integer[];
begin
    if coalesce(cardinality(bins), 0) = 0 then
        return '{}';
    end if;
    dense := array_fill(0, array[(select max(b) from unnest(bins) b) + 1]);
    for i in 1 .. cardinality(bins) loop
        dense[bins[i] + 1] := dense[bins[i] + 1] + counts[i];
    end loop;
    return dense;
end
$$;

-- A week segment: the part of an ISO week (Monday to Sunday) inside one month; it starts on the later of the day's
-- Monday and the first of its month. Weeks and months are both whole numbers of segments.
create function segment_of(day date) returns date language sql immutable parallel safe as $$
    select greatest(date_trunc('week', day::timestamp), date_trunc('month', day::timestamp))::date
$$;

-- Counters (as workload_day's, summed over providers) and lead-time bin counts per pool, place and week segment.
-- lead: every fact with a lead time; urgent_lead: the urgent ones. Index = bin + 1.
create table workload_segment (
    pool_key            varchar(512) not null,
    location_id         varchar(64)  not null,
    segment_start       date         not null,
    booked              integer not null default 0,
    booked_minutes      integer not null default 0,
    kept_minutes        integer not null default 0,
    attended_minutes    integer not null default 0,
    active              integer not null default 0,
    fulfilled           integer not null default 0,
    noshow              integer not null default 0,
    cancelled_patient   integer not null default 0,
    cancelled_clinic    integer not null default 0,
    rescheduled         integer not null default 0,
    urgent              integer not null default 0,
    pool_assigned       integer not null default 0,
    lead                integer[] not null default '{}',
    urgent_lead         integer[] not null default '{}',
    primary key (pool_key, location_id, segment_start)
);
create index workload_segment_start on workload_segment (segment_start);

-- Recomputes every segment from the facts and day counters (this migration, and bench/analytics/generate.sql).
create function rebuild_workload_segments() returns void language sql as $$
    truncate mediwox.workload_segment;
    insert into mediwox.workload_segment (pool_key, location_id, segment_start, booked, booked_minutes, kept_minutes,
        attended_minutes, active, fulfilled, noshow, cancelled_patient, cancelled_clinic, rescheduled, urgent,
        pool_assigned, lead, urgent_lead)
    select c.pool_key, c.location_id, c.segment_start, c.booked, c.booked_minutes, c.kept_minutes, c.attended_minutes,
           c.active, c.fulfilled, c.noshow, c.cancelled_patient, c.cancelled_clinic, c.rescheduled, c.urgent,
           c.pool_assigned, coalesce(h.lead, '{}'), coalesce(h.urgent_lead, '{}')
    from (select pool_key, location_id, mediwox.segment_of(local_day) segment_start, sum(booked)::integer booked,
                 sum(booked_minutes)::integer booked_minutes, sum(kept_minutes)::integer kept_minutes,
                 sum(attended_minutes)::integer attended_minutes, sum(active)::integer active,
                 sum(fulfilled)::integer fulfilled, sum(noshow)::integer noshow,
                 sum(cancelled_patient)::integer cancelled_patient, sum(cancelled_clinic)::integer cancelled_clinic,
                 sum(rescheduled)::integer rescheduled, sum(urgent)::integer urgent,
                 sum(pool_assigned)::integer pool_assigned
          from mediwox.workload_day group by 1, 2, 3) c
    left join (select pool_key, location_id, segment_start,
                      mediwox.dense_bins(array_agg(bin), array_agg(n)) lead,
                      mediwox.dense_bins(array_agg(bin) filter (where u > 0), array_agg(u) filter (where u > 0))
                          urgent_lead
               from (select pool_key, location_id, mediwox.segment_of(local_day) segment_start,
                            mediwox.lead_bin(lead_minutes) bin, count(*)::integer n,
                            (count(*) filter (where urgent))::integer u
                     from mediwox.appointment_fact where lead_minutes is not null group by 1, 2, 3, 4) b
               group by 1, 2, 3) h using (pool_key, location_id, segment_start);
$$;

select rebuild_workload_segments();
