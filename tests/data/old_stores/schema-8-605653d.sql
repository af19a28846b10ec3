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
CREATE TABLE draft_status_log (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	at FLOAT NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id)
);
INSERT INTO "draft_status_log" VALUES(1,1,'draft',1.79651581303309154508e+09,'');
INSERT INTO "draft_status_log" VALUES(2,2,'draft',1.7965158131351833344e+09,'');
CREATE TABLE drafts (
	id INTEGER NOT NULL, 
	session_id INTEGER, 
	card_id INTEGER, 
	title TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	fields TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	updated_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
INSERT INTO "drafts" VALUES(1,1,11,'Школа ремёсел для подростков на базе Дома ремёсел','Каргопольский округ','draft','{"title": "Школа ремёсел для подростков на базе Дома ремёсел", "territory": "Каргопольский округ", "problem": "", "relevance": "Идею поддержали участники сессии «Стратегическая сессия: будущее Каргопольского округа» (2019-10-12): голосов — 12.", "causes": "", "consequences": "", "target_groups": [], "goal": "", "tasks": [], "activities": [], "team": [{"person": "Анна Петрова (Районная библиотека)", "role": "руководитель проекта"}, {"person": "Игорь Смирнов (ТОС «Ошевенский»)", "role": "член команды"}, {"person": "Мария Кузнецова (АНО «Северный край»)", "role": "член команды"}, {"person": "Сергей Попов (Крестьянское хозяйство)", "role": "член команды"}, {"person": "Елена Васильева (Администрация округа)", "role": "член команды"}], "partners": [], "quantitative_results": [], "qualitative_results": "", "budget": [], "sustainability": ""}',1.79651581303309154508e+09,1.79651581303309154508e+09);
INSERT INTO "drafts" VALUES(2,1,12,'Ярмарка местных продуктов по субботам на площади','Каргопольский округ','draft','{"title": "Ярмарка местных продуктов по субботам на площади", "territory": "Каргопольский округ", "problem": "", "relevance": "Идею поддержали участники сессии «Стратегическая сессия: будущее Каргопольского округа» (2019-10-12): голосов — 10.", "causes": "", "consequences": "", "target_groups": [], "goal": "", "tasks": [], "activities": [], "team": [{"person": "Ольга Новикова", "role": "руководитель проекта"}, {"person": "Николай Морозов (ТОС «Ошевенский»)", "role": "член команды"}, {"person": "Татьяна Волкова (Музей-заповедник)", "role": "член команды"}, {"person": "Дмитрий Соколов (Гостевой дом «Онега»)", "role": "член команды"}, {"person": "Наталья Лебедева", "role": "член команды"}], "partners": [], "quantitative_results": [], "qualitative_results": "", "budget": [], "sustainability": ""}',1.7965158131351833344e+09,1.7965158131351833344e+09);
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
INSERT INTO "participants" VALUES(1,1,'vEwORn9rzyZFJFUSrkZdLa_AwVvckRXW','Анна Петрова','Каргополь','Районная библиотека','authority',1.79651581232660818095e+09,0);
INSERT INTO "participants" VALUES(2,1,'kdK9csZhtlBOpHDTIu5M3ogi6svzUCzR','Игорь Смирнов','Ошевенск','ТОС «Ошевенский»','tos',1.79651581232756829258e+09,0);
INSERT INTO "participants" VALUES(3,1,'s5yXG7GYlTkzsLpPP7hcQOde3zq9H0_G','Мария Кузнецова','Каргополь','АНО «Северный край»','ngo',1.79651581232784748071e+09,0);
INSERT INTO "participants" VALUES(4,1,'lC4Vv6WalnLI6ZdxaDv8VHiy_amaENMz','Сергей Попов','Печникова','Крестьянское хозяйство','business',1.79651581232809877397e+09,0);
INSERT INTO "participants" VALUES(5,1,'t5PKrVitfV7rn4fLSKWI7UhGoapzmUyb','Елена Васильева','Каргополь','Администрация округа','authority',1.79651581232834529878e+09,0);
INSERT INTO "participants" VALUES(6,1,'GK6czp1cT28qIAobLrlaJ5ZKFh-yg6bT','Ольга Новикова','Лядины','','citizen',1.79651581232858800893e+09,0);
INSERT INTO "participants" VALUES(7,1,'l42IchF2i8RWemAnTnuta8Kmvmmr7ZJA','Николай Морозов','Ошевенск','ТОС «Ошевенский»','tos',1.79651581232881951332e+09,0);
INSERT INTO "participants" VALUES(8,1,'X9lqQzhHrCzNQRGDpbvnnbQfhsgUbVUr','Татьяна Волкова','Каргополь','Музей-заповедник','authority',1.7965158123290603161e+09,0);
INSERT INTO "participants" VALUES(9,1,'C8QRtAI6JLvG9ZJTld1X10bSv_fCh1Ul','Дмитрий Соколов','Каргополь','Гостевой дом «Онега»','business',1.7965158123415896893e+09,0);
INSERT INTO "participants" VALUES(10,1,'Xus-Ixk_8bUby35FETRaER3sS0PCGtEp','Наталья Лебедева','Архангело','','citizen',1.79651581234229159355e+09,0);
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
	created_at FLOAT NOT NULL, moderation VARCHAR(8) NOT NULL DEFAULT 'off', approval BOOLEAN NOT NULL DEFAULT FALSE, display_mode VARCHAR(16) NOT NULL DEFAULT 'join', display_stage_id INTEGER, display_selected TEXT NOT NULL DEFAULT '', 
	PRIMARY KEY (id), 
	UNIQUE (code)
);
INSERT INTO "sessions" VALUES(1,'KARGO1','Стратегическая сессия: будущее Каргопольского округа','Каргопольский округ','2019-10-12','strategic_session',1,1.79651581229867649078e+09,'off',0,'wall',1,'');
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
INSERT INTO "team_members" VALUES(1,6,11,1,1,1.79651581260864520077e+09);
INSERT INTO "team_members" VALUES(2,6,11,2,0,1.79651581262394475935e+09);
INSERT INTO "team_members" VALUES(3,6,11,3,0,1.79651581263849377629e+09);
INSERT INTO "team_members" VALUES(4,6,11,4,0,1.79651581264079642299e+09);
INSERT INTO "team_members" VALUES(5,6,11,5,0,1.79651581265556764595e+09);
INSERT INTO "team_members" VALUES(6,6,12,6,1,1.79651581306346583366e+09);
INSERT INTO "team_members" VALUES(7,6,12,7,0,1.79651581307834577565e+09);
INSERT INTO "team_members" VALUES(8,6,12,8,0,1.79651581308076906205e+09);
INSERT INTO "team_members" VALUES(9,6,12,9,0,1.7965158130960283279e+09);
INSERT INTO "team_members" VALUES(10,6,12,10,0,1.79651581311129379271e+09);
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
INSERT INTO "votes" VALUES(1,5,1,11,1.79651581243395829195e+09,NULL,0);
INSERT INTO "votes" VALUES(2,5,1,12,1.79651581243598866457e+09,NULL,0);
INSERT INTO "votes" VALUES(3,5,2,12,1.79651581243689131743e+09,NULL,0);
INSERT INTO "votes" VALUES(4,5,2,11,1796515812.45054,NULL,0);
INSERT INTO "votes" VALUES(5,5,3,11,1.7965158124516420364e+09,NULL,0);
INSERT INTO "votes" VALUES(6,5,3,11,1.79651581245249533655e+09,NULL,0);
INSERT INTO "votes" VALUES(7,5,4,12,1.79651581246079516409e+09,NULL,0);
INSERT INTO "votes" VALUES(8,5,4,11,1.79651581246237349509e+09,NULL,0);
INSERT INTO "votes" VALUES(9,5,4,11,1.79651581246325445177e+09,NULL,0);
INSERT INTO "votes" VALUES(10,5,5,11,1.79651581246411085135e+09,NULL,0);
INSERT INTO "votes" VALUES(11,5,5,12,1.79651581246501493458e+09,NULL,0);
INSERT INTO "votes" VALUES(12,5,6,12,1.79651581248681139948e+09,NULL,0);
INSERT INTO "votes" VALUES(13,5,6,12,1.79651581248791313168e+09,NULL,0);
INSERT INTO "votes" VALUES(14,5,6,10,1.79651581248893260959e+09,NULL,0);
INSERT INTO "votes" VALUES(15,5,7,12,1.79651581250276732443e+09,NULL,0);
INSERT INTO "votes" VALUES(16,5,7,12,1.79651581250382018093e+09,NULL,0);
INSERT INTO "votes" VALUES(17,5,7,12,1.79651581250470089917e+09,NULL,0);
INSERT INTO "votes" VALUES(18,5,8,11,1.79651581251836943626e+09,NULL,0);
INSERT INTO "votes" VALUES(19,5,8,11,1.79651581251972055439e+09,NULL,0);
INSERT INTO "votes" VALUES(20,5,8,11,1796515812.52091,NULL,0);
INSERT INTO "votes" VALUES(21,5,9,10,1.79651581253080987925e+09,NULL,0);
INSERT INTO "votes" VALUES(22,5,9,12,1.79651581253174138065e+09,NULL,0);
INSERT INTO "votes" VALUES(23,5,10,11,1.79651581253254127501e+09,NULL,0);
INSERT INTO "votes" VALUES(24,5,10,11,1.79651581254585051544e+09,NULL,0);
INSERT INTO "votes" VALUES(25,5,10,10,1.79651581254721331593e+09,NULL,0);
CREATE INDEX ix_stages_session_id ON stages (session_id);
CREATE INDEX ix_participants_session_id ON participants (session_id);
CREATE INDEX ix_contributions_stage_id ON "cards" (stage_id);
CREATE INDEX ix_contributions_session_id ON "cards" (session_id);
CREATE INDEX ix_votes_stage_contribution ON votes (stage_id, card_id);
CREATE INDEX ix_votes_stage_participant ON votes (stage_id, participant_id);
CREATE UNIQUE INDEX ux_votes_request ON votes (participant_id, request_id);
CREATE INDEX ix_statement_votes_stage ON statement_votes (stage_id);
CREATE UNIQUE INDEX ux_statement_votes ON statement_votes (participant_id, card_id);
CREATE UNIQUE INDEX ux_team_members ON team_members (stage_id, participant_id);
CREATE INDEX ix_draft_status_log_draft_id ON draft_status_log (draft_id);
CREATE INDEX ix_consultations_draft_id ON consultations (draft_id);
CREATE UNIQUE INDEX ux_ratings ON ratings (stage_id, participant_id, card_id);
CREATE INDEX ix_comparisons_stage_id ON comparisons (stage_id);
CREATE UNIQUE INDEX ux_comparisons_request ON comparisons (participant_id, request_id);
CREATE UNIQUE INDEX ux_rankings ON rankings (stage_id, participant_id, card_id);
COMMIT;
