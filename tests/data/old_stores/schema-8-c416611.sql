BEGIN TRANSACTION;
CREATE TABLE "cards" (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER, 
	by_facilitator BOOLEAN NOT NULL, 
	text TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	updated_at FLOAT NOT NULL, 
	hidden BOOLEAN NOT NULL, 
	merged_into INTEGER, category TEXT NOT NULL DEFAULT '', group_id INTEGER, is_group BOOLEAN NOT NULL DEFAULT FALSE, status VARCHAR(16) NOT NULL DEFAULT 'shown', flagged BOOLEAN NOT NULL DEFAULT FALSE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id)
);
INSERT INTO "cards" VALUES(1,1,1,NULL,1,'Плохие дороги между деревнями, весной не проехать',1570870800.0,1570870800.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(2,1,1,2,0,'Молодёжь уезжает в Архангельск и не возвращается',1570870860.0,1570870860.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(3,1,1,1,0,'Нет работы для молодых специалистов',1570870920.0,1570870920.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(4,1,2,NULL,1,'Каргопольская игрушка и живые ремёсла',1570872600.0,1570872600.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(5,1,2,5,0,'Деревянное зодчество: церкви и часовни XVII–XVIII веков',1570872660.0,1570872660.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(6,1,2,4,0,'Кенозерский национальный парк рядом',1570872720.0,1570872720.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(7,1,3,4,0,'Район, куда возвращаются молодые семьи',1570874400.0,1570874400.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(8,1,3,3,0,'Круглогодичный туризм с ночёвками в деревнях',1570874460.0,1570874460.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(9,1,3,NULL,1,'Отремонтированные дороги и регулярный автобус',1570874520.0,1570874520.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(10,1,4,2,0,'Туристический маршрут «Деревянное зодчество» с ночёвкой в гостевых домах',1570876200.0,1570876200.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(11,1,4,NULL,1,'Школа ремёсел для подростков на базе Дома ремёсел',1570876260.0,1570876260.0,0,NULL,'',NULL,0,'shown',0);
INSERT INTO "cards" VALUES(12,1,4,NULL,1,'Ярмарка местных продуктов по субботам на площади',1570876320.0,1570876320.0,0,NULL,'',NULL,0,'shown',0);
CREATE TABLE comparisons (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	left_id INTEGER NOT NULL, 
	right_id INTEGER NOT NULL, 
	winner_id INTEGER, 
	request_id VARCHAR(64), 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(left_id) REFERENCES "cards" (id), 
	FOREIGN KEY(right_id) REFERENCES "cards" (id), 
	FOREIGN KEY(winner_id) REFERENCES "cards" (id)
);
CREATE TABLE consultations (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	date VARCHAR(10) NOT NULL, 
	who TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id)
);
CREATE TABLE draft_comments (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	field VARCHAR(64) NOT NULL, 
	author TEXT NOT NULL, 
	text TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id)
);
CREATE TABLE draft_status_log (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	at FLOAT NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id)
);
INSERT INTO "draft_status_log" VALUES(1,1,'draft',1.79651581596874141688e+09,'');
INSERT INTO "draft_status_log" VALUES(2,2,'draft',1.79651581605897450451e+09,'');
CREATE TABLE drafts (
	id INTEGER NOT NULL, 
	session_id INTEGER, 
	card_id INTEGER, 
	title TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	fields TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	updated_at FLOAT NOT NULL, field_versions TEXT NOT NULL DEFAULT '{}', 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
INSERT INTO "drafts" VALUES(1,1,11,'Школа ремёсел для подростков на базе Дома ремёсел','Каргопольский округ','draft','{"title": "Школа ремёсел для подростков на базе Дома ремёсел", "territory": "Каргопольский округ", "grant_direction": "", "summary": "", "timeline": "", "problem": "", "relevance": "Идею поддержали участники сессии «Стратегическая сессия: будущее Каргопольского округа» (2019-10-12): голосов — 12.", "causes": "", "consequences": "", "target_groups": [], "goal": "", "tasks": [], "activities": [], "team": [{"person": "Анна Петрова (Районная библиотека)", "role": "руководитель проекта"}, {"person": "Игорь Смирнов (ТОС «Ошевенский»)", "role": "член команды"}, {"person": "Мария Кузнецова (АНО «Северный край»)", "role": "член команды"}, {"person": "Сергей Попов (Крестьянское хозяйство)", "role": "член команды"}, {"person": "Елена Васильева (Администрация округа)", "role": "член команды"}], "partners": [], "quantitative_results": [], "qualitative_results": "", "media": "", "sustainability": "", "budget": [], "cofinancing": ""}',1.79651581596874141688e+09,1.79651581596874141688e+09,'{}');
INSERT INTO "drafts" VALUES(2,1,12,'Ярмарка местных продуктов по субботам на площади','Каргопольский округ','draft','{"title": "Ярмарка местных продуктов по субботам на площади", "territory": "Каргопольский округ", "grant_direction": "", "summary": "", "timeline": "", "problem": "", "relevance": "Идею поддержали участники сессии «Стратегическая сессия: будущее Каргопольского округа» (2019-10-12): голосов — 10.", "causes": "", "consequences": "", "target_groups": [], "goal": "", "tasks": [], "activities": [], "team": [{"person": "Ольга Новикова", "role": "руководитель проекта"}, {"person": "Николай Морозов (ТОС «Ошевенский»)", "role": "член команды"}, {"person": "Татьяна Волкова (Музей-заповедник)", "role": "член команды"}, {"person": "Дмитрий Соколов (Гостевой дом «Онега»)", "role": "член команды"}, {"person": "Наталья Лебедева", "role": "член команды"}], "partners": [], "quantitative_results": [], "qualitative_results": "", "media": "", "sustainability": "", "budget": [], "cofinancing": ""}',1.79651581605897450451e+09,1.79651581605897450451e+09,'{}');
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "meta" VALUES('schema_version','8');
CREATE TABLE participants (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	token VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	organisation TEXT NOT NULL, 
	sector VARCHAR(32) NOT NULL, 
	created_at FLOAT NOT NULL, on_paper BOOLEAN NOT NULL DEFAULT FALSE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	UNIQUE (token)
);
INSERT INTO "participants" VALUES(1,1,'kt158pO7vajRdmIuVUG6zavjHj4NO2Zy','Анна Петрова','Каргополь','Районная библиотека','authority',1.79651581512767553328e+09,0);
INSERT INTO "participants" VALUES(2,1,'_cQoVBV_8ImHxF8sneofwCa-s_R2TVYq','Игорь Смирнов','Ошевенск','ТОС «Ошевенский»','tos',1.79651581512853384019e+09,0);
INSERT INTO "participants" VALUES(3,1,'I6eyUedf7rg0mu4pfp544ywXKFkHJF4m','Мария Кузнецова','Каргополь','АНО «Северный край»','ngo',1.7965158151288197041e+09,0);
INSERT INTO "participants" VALUES(4,1,'NqqhP_wVWH6EN-mxHLwhlpwwyRWWpRc1','Сергей Попов','Печникова','Крестьянское хозяйство','business',1.79651581512906980513e+09,0);
INSERT INTO "participants" VALUES(5,1,'14JuCrQO4pr72uVS3Aoy_sCg2MFALJOk','Елена Васильева','Каргополь','Администрация округа','authority',1.79651581514171409604e+09,0);
INSERT INTO "participants" VALUES(6,1,'55d-vM4jaUxDyi_yja_-T-YXbc9waYno','Ольга Новикова','Лядины','','citizen',1.79651581514262986185e+09,0);
INSERT INTO "participants" VALUES(7,1,'-n5M_SBoXzVO6LLWA3BHUQCfSo8A2nMC','Николай Морозов','Ошевенск','ТОС «Ошевенский»','tos',1.79651581514310836789e+09,0);
INSERT INTO "participants" VALUES(8,1,'3otEZf9vQgQEBrV4q8PPpqmT_Qd-M7aY','Татьяна Волкова','Каргополь','Музей-заповедник','authority',1.79651581514339828494e+09,0);
INSERT INTO "participants" VALUES(9,1,'0d6Pbj1iByl7uf6VLjFqkVWJmPxR83kn','Дмитрий Соколов','Каргополь','Гостевой дом «Онега»','business',1.796515815143651247e+09,0);
INSERT INTO "participants" VALUES(10,1,'hCeZnS9PjomTUD6LZfCZ4AtY9zlBiMOj','Наталья Лебедева','Архангело','','citizen',1.79651581514388942713e+09,0);
CREATE TABLE public_pages (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	token VARCHAR(64) NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	UNIQUE (token)
);
CREATE TABLE rankings (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
CREATE TABLE ratings (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	impact INTEGER NOT NULL, 
	feasibility INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
CREATE TABLE sessions (
	id INTEGER NOT NULL, 
	code VARCHAR(16) NOT NULL, 
	title TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	date VARCHAR(10) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	current_stage_id INTEGER, 
	created_at FLOAT NOT NULL, moderation VARCHAR(8) NOT NULL DEFAULT 'off', approval BOOLEAN NOT NULL DEFAULT FALSE, 
	PRIMARY KEY (id), 
	UNIQUE (code)
);
INSERT INTO "sessions" VALUES(1,'KARGO1','Стратегическая сессия: будущее Каргопольского округа','Каргопольский округ','2019-10-12','strategic_session',1,1.79651581509257650369e+09,'off',0);
CREATE TABLE stages (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	title TEXT NOT NULL, 
	prompt TEXT NOT NULL, 
	target_stage_id INTEGER, 
	vote_budget INTEGER NOT NULL, 
	voting_open BOOLEAN NOT NULL, 
	results_visible BOOLEAN NOT NULL, 
	timer_ends_at FLOAT, vote_on VARCHAR(16) NOT NULL DEFAULT 'ideas', method VARCHAR(16) NOT NULL DEFAULT 'dots', 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id)
);
INSERT INTO "stages" VALUES(1,1,0,'problems','Проблемы','Что мешает развитию нашего района?',NULL,3,0,0,NULL,'ideas','dots');
INSERT INTO "stages" VALUES(2,1,1,'growth','Точки роста и преимущества','Что есть у нас, чего нет у других?',NULL,3,0,0,NULL,'ideas','dots');
INSERT INTO "stages" VALUES(3,1,2,'vision','Образ будущего','Наш район в 2030 году: что вы видите?',NULL,3,0,0,NULL,'ideas','dots');
INSERT INTO "stages" VALUES(4,1,3,'ideas','Проектные идеи','Какой проект изменит ситуацию?',NULL,3,0,0,NULL,'ideas','dots');
INSERT INTO "stages" VALUES(5,1,4,'voting','Голосование','Отдайте свои голоса лучшим идеям',4,3,0,0,NULL,'ideas','dots');
INSERT INTO "stages" VALUES(6,1,5,'teams','Команды','Запишитесь в команду проекта',4,3,0,0,NULL,'ideas','dots');
CREATE TABLE statement_votes (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	vote INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
CREATE TABLE team_links (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	token VARCHAR(64) NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (draft_id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id), 
	UNIQUE (token)
);
CREATE TABLE team_members (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	is_leader BOOLEAN NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id)
);
INSERT INTO "team_members" VALUES(1,6,11,1,1,1.79651581540873813628e+09);
INSERT INTO "team_members" VALUES(2,6,11,2,0,1.79651581542385220527e+09);
INSERT INTO "team_members" VALUES(3,6,11,3,0,1.79651581543889737133e+09);
INSERT INTO "team_members" VALUES(4,6,11,4,0,1.79651581545535135274e+09);
INSERT INTO "team_members" VALUES(5,6,11,5,0,1.79651581547479772572e+09);
INSERT INTO "team_members" VALUES(6,6,12,6,1,1.79651581599346756934e+09);
INSERT INTO "team_members" VALUES(7,6,12,7,0,1.79651581599623489382e+09);
INSERT INTO "team_members" VALUES(8,6,12,8,0,1.79651581601137018198e+09);
INSERT INTO "team_members" VALUES(9,6,12,9,0,1.79651581602222299577e+09);
INSERT INTO "team_members" VALUES(10,6,12,10,0,1.79651581602461552617e+09);
CREATE TABLE unvotes (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	request_id VARCHAR(64) NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ux_unvotes_request UNIQUE (participant_id, request_id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES cards (id)
);
CREATE TABLE votes (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, request_id VARCHAR(64), on_paper BOOLEAN NOT NULL DEFAULT FALSE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
INSERT INTO "votes" VALUES(1,5,1,11,1.79651581521737146378e+09,NULL,0);
INSERT INTO "votes" VALUES(2,5,1,12,1.79651581521972227096e+09,NULL,0);
INSERT INTO "votes" VALUES(3,5,2,12,1.79651581522069334981e+09,NULL,0);
INSERT INTO "votes" VALUES(4,5,2,11,1.79651581523285627361e+09,NULL,0);
INSERT INTO "votes" VALUES(5,5,3,11,1.79651581524676680562e+09,NULL,0);
INSERT INTO "votes" VALUES(6,5,3,11,1.79651581524775838852e+09,NULL,0);
INSERT INTO "votes" VALUES(7,5,4,12,1.79651581524874067309e+09,NULL,0);
INSERT INTO "votes" VALUES(8,5,4,11,1.79651581526240181922e+09,NULL,0);
INSERT INTO "votes" VALUES(9,5,4,11,1.79651581526399302477e+09,NULL,0);
INSERT INTO "votes" VALUES(10,5,5,11,1.79651581527340054511e+09,NULL,0);
INSERT INTO "votes" VALUES(11,5,5,12,1.79651581527517604825e+09,NULL,0);
INSERT INTO "votes" VALUES(12,5,6,12,1.7965158152763807774e+09,NULL,0);
INSERT INTO "votes" VALUES(13,5,6,12,1.796515815289858818e+09,NULL,0);
INSERT INTO "votes" VALUES(14,5,6,10,1.79651581529130411141e+09,NULL,0);
INSERT INTO "votes" VALUES(15,5,7,12,1.79651581529230856891e+09,NULL,0);
INSERT INTO "votes" VALUES(16,5,7,12,1.79651581529312372211e+09,NULL,0);
INSERT INTO "votes" VALUES(17,5,7,12,1.79651581530735230448e+09,NULL,0);
INSERT INTO "votes" VALUES(18,5,8,11,1.79651581530832910537e+09,NULL,0);
INSERT INTO "votes" VALUES(19,5,8,11,1.79651581530913758279e+09,NULL,0);
INSERT INTO "votes" VALUES(20,5,8,11,1.79651581532707977292e+09,NULL,0);
INSERT INTO "votes" VALUES(21,5,9,10,1.7965158153281986713e+09,NULL,0);
INSERT INTO "votes" VALUES(22,5,9,12,1.79651581532905983921e+09,NULL,0);
INSERT INTO "votes" VALUES(23,5,10,11,1.79651581534288310999e+09,NULL,0);
INSERT INTO "votes" VALUES(24,5,10,11,1.79651581534385943418e+09,NULL,0);
INSERT INTO "votes" VALUES(25,5,10,10,1.79651581534466862682e+09,NULL,0);
CREATE INDEX ix_stages_session_id ON stages (session_id);
CREATE INDEX ix_participants_session_id ON participants (session_id);
CREATE INDEX ix_contributions_stage_id ON "cards" (stage_id);
CREATE INDEX ix_contributions_session_id ON "cards" (session_id);
CREATE INDEX ix_votes_stage_participant ON votes (stage_id, participant_id);
CREATE INDEX ix_votes_stage_contribution ON votes (stage_id, card_id);
CREATE UNIQUE INDEX ux_votes_request ON votes (participant_id, request_id);
CREATE UNIQUE INDEX ux_statement_votes ON statement_votes (participant_id, card_id);
CREATE INDEX ix_statement_votes_stage ON statement_votes (stage_id);
CREATE UNIQUE INDEX ux_team_members ON team_members (stage_id, participant_id);
CREATE INDEX ix_draft_status_log_draft_id ON draft_status_log (draft_id);
CREATE INDEX ix_consultations_draft_id ON consultations (draft_id);
CREATE UNIQUE INDEX ux_ratings ON ratings (stage_id, participant_id, card_id);
CREATE UNIQUE INDEX ux_comparisons_request ON comparisons (participant_id, request_id);
CREATE INDEX ix_comparisons_stage_id ON comparisons (stage_id);
CREATE UNIQUE INDEX ux_rankings ON rankings (stage_id, participant_id, card_id);
CREATE INDEX ix_draft_comments_draft_id ON draft_comments (draft_id);
COMMIT;
